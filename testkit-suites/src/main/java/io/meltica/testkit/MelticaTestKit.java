package io.meltica.testkit;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.meltica.actors.MelticaPipeline;
import io.meltica.actors.MelticaSettings;
import io.meltica.pool.EventPool;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.ManualTime;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A JUnit 5 extension that gives each test a fresh ActorSystem and Meltica pipeline and, after the
 * test, fails it unless everything was cleaned up: the ActorSystem terminated, every tracked pool
 * has no envelope in use (with the leak report as the message), and no non-daemon thread started
 * during the test is still alive (the role goleak plays in Go).
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
  private static final Duration CLEAN_UP_TIMEOUT = Duration.ofSeconds(15);

  private final Config config;
  private final boolean manualClock;
  private Duration cleanUpTimeout = CLEAN_UP_TIMEOUT;
  private final List<EventPool> trackedPools = new ArrayList<>();
  private Set<Thread> threadsBefore = Set.of();
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
    cleanUpTimeout = timeout;
    return this;
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    threadsBefore = liveNonDaemonThreads();
    systemName = context.getRequiredTestMethod().getName().replaceAll("[^A-Za-z0-9-]", "-");
  }

  /** This test's ActorTestKit, created on first use. */
  public ActorTestKit testKit() {
    if (testKit == null) {
      testKit = ActorTestKit.create(systemName, config);
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
   * filtered or otherwise recycled. Only meaningful while nobody else holds envelopes.
   *
   * @throws org.awaitility.core.ConditionTimeoutException with the leak report if it does not
   *     happen within {@code timeout}
   */
  public static void awaitIdle(MelticaPipeline pipeline, Duration timeout) {
    EventPool pool = pipeline.pool();
    Awaitility.await()
        .alias("pipeline idle (no envelope in use)")
        .atMost(timeout)
        .pollInterval(Duration.ofMillis(1))
        .pollInSameThread()
        .until(() -> pool.inUse() == 0);
  }

  /** Adds a pool to check for leaks after the test. */
  public void track(EventPool pool) {
    trackedPools.add(pool);
  }

  @Override
  public void afterEach(ExtensionContext context) {
    List<String> problems = new ArrayList<>();
    if (testKit != null) {
      testKit.shutdownTestKit();
      if (manualClock) {
        // Dispatchers shut their threads down on a scheduler delay, which a manual clock never
        // reaches by itself.
        manualTime().timePasses(Duration.ofSeconds(10));
      }
      if (!testKit.system().getWhenTerminated().toCompletableFuture().isDone()) {
        problems.add("the ActorSystem did not terminate");
      }
    }
    for (EventPool pool : trackedPools) {
      if (pool.inUse() != 0) {
        problems.add("envelopes leaked: " + pool.leakReport());
      }
    }
    Set<Thread> leftOver = threadsLeftBehind();
    if (!leftOver.isEmpty()) {
      problems.add(
          "non-daemon threads left behind: "
              + leftOver.stream().map(Thread::getName).sorted().collect(Collectors.joining(", ")));
    }
    if (!problems.isEmpty()) {
      throw new AssertionError(String.join("\n", problems));
    }
  }

  private Set<Thread> threadsLeftBehind() {
    try {
      Awaitility.await("threads started by the test end")
          .atMost(cleanUpTimeout)
          .pollInterval(Duration.ofMillis(20))
          .pollInSameThread() // a polling thread of its own would count as left behind
          .until(() -> newNonDaemonThreads().isEmpty());
      return Set.of();
    } catch (ConditionTimeoutException e) {
      return newNonDaemonThreads();
    }
  }

  private Set<Thread> newNonDaemonThreads() {
    Set<Thread> now = liveNonDaemonThreads();
    now.removeAll(threadsBefore);
    return now;
  }

  private static Set<Thread> liveNonDaemonThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(thread -> thread.isAlive() && !thread.isDaemon())
        .collect(Collectors.toSet());
  }
}
