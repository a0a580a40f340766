package io.meltica.testkit;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.meltica.actors.MelticaPipeline;
import io.meltica.actors.MelticaSettings;
import io.meltica.leakcheck.LeakCheck;
import io.meltica.pool.EventPool;
import java.time.Duration;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.ManualTime;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A JUnit 5 extension that gives each test a fresh ActorSystem and Meltica pipeline and, after the
 * test, fails it unless everything was cleaned up, by Meltica's {@link LeakCheck}: the ActorSystem
 * terminated, every tracked pool has no envelope in use (with the leak report as the message), no
 * refused release and nothing unaccounted, and no non-daemon thread started during the test is
 * still alive (the role goleak plays in Go).
 *
 * <pre>{@code
 * @RegisterExtension final MelticaTestKit meltica = MelticaTestKit.create();
 *
 * @Test void shouldDoSomething() {
 *   MelticaPipeline pipeline = meltica.pipeline();
 *   ...
 * }
 * }</pre>
 *
 * <p>Register it on an instance field (one extension per test). The system and pipeline are created
 * on first use; shutting the system down runs the pipeline's CoordinatedShutdown task, which
 * recycles everything in flight.
 */
public final class MelticaTestKit implements BeforeEachCallback, AfterEachCallback {
  private final Config config;
  private final boolean manualClock;
  private final LeakCheck leaks = LeakCheck.create();
  private String systemName = "meltica-test";
  private ActorTestKit testKit;
  private MelticaPipeline pipeline;

  private MelticaTestKit(Config config, boolean manualClock) {
    this.config = config;
    this.manualClock = manualClock;
  }

  /** Uses the configuration on the classpath (application.conf, reference.conf). */
  public static MelticaTestKit create() {
    return new MelticaTestKit(ConfigFactory.load(), false);
  }

  /** Uses {@code hocon} over the configuration on the classpath. */
  public static MelticaTestKit withConfig(String hocon) {
    return new MelticaTestKit(
        ConfigFactory.parseString(hocon).withFallback(ConfigFactory.load()), false);
  }

  /** The same settings, with Pekko's manual clock (advance it with {@link #manualTime()}). */
  public MelticaTestKit withManualTime() {
    return new MelticaTestKit(ManualTime.config().withFallback(config), true);
  }

  /**
   * How long threads started by a test may take to end after it (default 15 s) before the test
   * fails for leaving them behind.
   */
  public MelticaTestKit withCleanUpTimeout(Duration timeout) {
    leaks.withTimeout(timeout);
    return this;
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    systemName = context.getRequiredTestMethod().getName().replaceAll("[^A-Za-z0-9-]", "-");
  }

  /** This test's ActorTestKit, created on first use. */
  public ActorTestKit testKit() {
    if (testKit == null) {
      testKit = ActorTestKit.create(systemName, config);
      leaks.watch(testKit.system());
      if (manualClock) {
        // Dispatchers shut their threads down on a scheduler delay, which a manual clock never
        // reaches by itself.
        leaks.afterTermination(() -> manualTime().timePasses(Duration.ofSeconds(10)));
      }
    }
    return testKit;
  }

  /** The manual clock of this test's system; needs {@link #withManualTime()}. */
  public ManualTime manualTime() {
    return ManualTime.get(testKit().system());
  }

  /** This test's pipeline, started on first use with the extension's configuration. */
  public MelticaPipeline pipeline() {
    if (pipeline == null) {
      pipeline = startPipeline("meltica", "");
    }
    return pipeline;
  }

  /** Starts another pipeline in this test's system, with {@code hocon} over the configuration. */
  public MelticaPipeline startPipeline(String name, String hocon) {
    Config pipelineConfig = ConfigFactory.parseString(hocon).withFallback(config);
    MelticaPipeline started =
        MelticaPipeline.start(testKit().system(), MelticaSettings.fromConfig(pipelineConfig), name);
    track(started.pool());
    return started;
  }

  /**
   * Waits until {@code pipeline} holds no envelope: everything published so far has been handled,
   * filtered or otherwise recycled, and each release is counted under its reason. Only meaningful
   * while nobody else holds envelopes.
   *
   * @throws org.awaitility.core.ConditionTimeoutException with the leak report if it does not
   *     happen within {@code timeout}
   */
  public static void awaitIdle(MelticaPipeline pipeline, Duration timeout) {
    EventPool pool = pipeline.pool();
    Awaitility.await()
        .alias("pipeline idle (no envelope in use, every release counted)")
        .atMost(timeout)
        .pollDelay(Duration.ZERO)
        .pollInterval(Duration.ofMillis(1))
        .pollInSameThread()
        // in use drops before the release and its reason are counted: wait for both as well
        .until(() -> pool.inUse() == 0 && pool.unaccountedCount() == 0);
  }

  /** Adds a pool to check for leaks after the test. */
  public void track(EventPool pool) {
    leaks.watch(pool);
  }

  /**
   * The leak check this kit runs after the test: call {@link LeakCheck#expectRefusedReleases} on it
   * when a test provokes a refused release on purpose.
   */
  public LeakCheck leaks() {
    return leaks;
  }

  @Override
  public void afterEach(ExtensionContext context) {
    leaks.afterEach(context);
  }
}
