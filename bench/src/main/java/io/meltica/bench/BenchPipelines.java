package io.meltica.bench;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.meltica.actors.MelticaPipeline;
import io.meltica.actors.MelticaSettings;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * Starts and stops the ActorSystems and pipelines every benchmark runs on, with the settings a
 * measurement needs: pool debug mode off in the configuration (not left to the {@code
 * -Dmeltica.pool.debug} property the unit tests set), quote merging off, Pekko logging at WARNING.
 *
 * <p>Stopping is strict: {@link #stop} fails if the pipeline left an envelope in use, so a leaking
 * benchmark cannot report a number. Static helpers, callable from any thread that is not an actor.
 */
public final class BenchPipelines {
  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  private static final String BASE =
      String.join(
          "\n",
          "meltica.pool.debug = false",
          "meltica.pool.debug-acquisition-stacks = false",
          "meltica.orchestrator.merge.enabled = off",
          "pekko.loglevel = WARNING",
          "pekko.stdout-loglevel = WARNING",
          "pekko.log-dead-letters = off",
          "pekko.coordinated-shutdown.run-by-jvm-shutdown-hook = off",
          // A strategy that waits 100 feed periods per event can never catch up losslessly: like
          // a trading team would, it chooses to drop its oldest market data (docs/performance.md).
          "meltica.strategy.market-data.policies.slow-waiting = drop-oldest",
          // For comparing mailboxes: Pekko's lock-free control-aware mailbox under the name
          // of every market-data policy (set meltica.strategy.mailbox = bench.pekko-mailboxes).
          "bench.pekko-mailboxes.unbounded.mailbox-type ="
              + " \"org.apache.pekko.dispatch.UnboundedControlAwareMailbox\"");

  private BenchPipelines() {}

  /** The benchmark configuration: {@code overrides} (HOCON) over the base settings. */
  public static Config config(String overrides) {
    return ConfigFactory.parseString(overrides)
        .withFallback(ConfigFactory.parseString(BASE))
        .withFallback(ConfigFactory.load())
        .resolve();
  }

  /** An ActorSystem with an empty guardian: actors are spawned as system actors. */
  public static ActorSystem<Void> newSystem(String name, Config config) {
    return ActorSystem.create(Behaviors.empty(), name, config);
  }

  /** Starts a pipeline named {@code name} with the settings read from {@code config}. */
  public static MelticaPipeline start(ActorSystem<?> system, Config config, String name) {
    return MelticaPipeline.start(system, MelticaSettings.fromConfig(config), name);
  }

  /**
   * Stops {@code pipeline} and checks that every envelope is back in its pool.
   *
   * @throws IllegalStateException naming the envelopes still in use
   */
  public static void stop(MelticaPipeline pipeline) {
    await(pipeline.stop().toCompletableFuture(), "stop the pipeline");
    pipeline.pool().requireIdle("the pipeline");
  }

  /** Terminates {@code system} and waits for it. */
  public static void terminate(ActorSystem<?> system) {
    system.terminate();
    await(system.getWhenTerminated().toCompletableFuture(), "terminate " + system.name());
  }

  private static void await(java.util.concurrent.Future<?> future, String what) {
    try {
      future.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting to " + what, e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("could not " + what + " within " + TIMEOUT, e);
    }
  }
}
