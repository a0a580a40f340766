package io.meltica.actors;

import static org.assertj.core.api.Assertions.assertThat;

import com.typesafe.config.ConfigFactory;
import io.meltica.protocol.StopStrategy;
import io.meltica.protocol.StrategyMessage;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.junit.jupiter.api.Test;

/**
 * A strategy spawned outside the pipeline's guardian, as a sharded entity is, and adopted versions.
 */
class ExternalStrategyTest extends ActorTestSupport {

  @Test
  void shouldRunAStrategySpawnedElsewhereWithThePipelinesRecyclingAndVersions() {
    MelticaPipeline pipeline = unmergedPipeline("external");
    TestProbe<Long> versions = testKit.createTestProbe();
    ActorRef<StrategyMessage> strategy =
        testKit.spawn(
            pipeline.strategyBehavior(
                100,
                StrategySpec.of(
                    "elsewhere",
                    () -> (event, ctx) -> versions.ref().tell(event.routingVersion()))),
            "elsewhere",
            pipeline.strategyProps("elsewhere"));
    pipeline.subscribeRef(100, List.of("BTC-USDT"), strategy);

    publishTrade(pipeline);
    assertThat(versions.receiveMessage()).isEqualTo(1);
    pipeline.adoptRoutingVersion(7);
    publishTrade(pipeline);
    assertThat(versions.receiveMessage()).isEqualTo(7);
    pipeline.adoptRoutingVersion(3);
    publishTrade(pipeline);
    assertThat(versions.receiveMessage()).as("never lowered").isEqualTo(7);
    assertThat(pipeline.metrics().strategies())
        .extracting(StrategyMetrics::strategyId)
        .contains(100);
  }

  @Test
  void shouldStopAheadOfItsBacklogOnStopStrategy() throws Exception {
    MelticaPipeline pipeline = unmergedPipeline("stopping");
    CountDownLatch release = new CountDownLatch(1);
    AtomicInteger handled = new AtomicInteger();
    TestProbe<String> busy = testKit.createTestProbe();
    ActorRef<StrategyMessage> strategy =
        testKit.spawn(
            pipeline.strategyBehavior(
                101,
                StrategySpec.of(
                    "backlogged",
                    () ->
                        (event, ctx) -> {
                          if (handled.getAndIncrement() == 0) {
                            busy.ref().tell("handling the first");
                            release.await(); // a backlog builds behind it
                          }
                        })),
            "backlogged",
            pipeline.strategyProps("backlogged"));
    pipeline.subscribeRef(101, List.of("BTC-USDT"), strategy);
    publishTrade(pipeline);
    busy.expectMessage("handling the first");
    for (int i = 0; i < 50; i++) {
      publishTrade(pipeline);
    }
    TestProbe<Object> watcher = testKit.createTestProbe();
    watcher.awaitAssert( // routed, so queued in its mailbox behind the first
        () -> {
          assertThat(pipeline.metrics().counters().total("meltica.router.events")).isEqualTo(51);
          return null;
        });

    strategy.tell(StopStrategy.INSTANCE);
    release.countDown();

    watcher.expectTerminated(strategy, java.time.Duration.ofSeconds(10));
    assertThat(handled.get()).as("stopped ahead of the backlog, not after it").isLessThan(51);
  }

  /** A pipeline without quote merging, its pool checked for leaks after the test. */
  private MelticaPipeline unmergedPipeline(String name) {
    MelticaPipeline pipeline =
        MelticaPipeline.start(
            testKit.system(),
            MelticaSettings.fromConfig(
                ConfigFactory.parseString("meltica.orchestrator.merge.enabled = off")
                    .withFallback(ConfigFactory.load())),
            name);
    checkNoLeaks(pipeline.pool());
    return pipeline;
  }

  private static void publishTrade(MelticaPipeline pipeline) {
    pipeline.publish(asTrade(pipeline.acquire(), BTC, 1));
  }
}
