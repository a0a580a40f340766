package io.meltica.actors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.meltica.pool.RecycleReason;
import io.meltica.protocol.Event;
import io.meltica.protocol.InvalidEventException;
import io.meltica.protocol.InvalidEventException.Reason;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.atomic.LongAdder;
import org.apache.pekko.actor.PoisonPill;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What {@link MelticaPipeline#publish} lets in, what it refuses, and how it ends. */
class PipelineEntranceTest extends ActorTestSupport {
  private static final Duration WAIT = Duration.ofSeconds(10);

  private final TestProbe<Long> got = testKit.createTestProbe();
  private MelticaPipeline pipeline;

  @BeforeEach
  void startPipeline() {
    pipeline = startPipeline("entrance");
    pipeline.subscribe("s", List.of(), (event, ctx) -> got.ref().tell(event.price()));
  }

  private long refused(Reason reason) {
    return pipeline.metrics().refusals().count(reason);
  }

  private long recycled(RecycleReason reason) {
    return pipeline.recycler().recycledCount(reason);
  }

  @Test
  void shouldRefuseAnEventWithoutAKindRecycleItCountItAndGoOn() {
    Event noKind = pipeline.acquire().setInstrumentId(BTC).setPrice(5);

    assertThatThrownBy(() -> pipeline.publish(noKind))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("kind");
    pipeline.publish(asTrade(pipeline.acquire(), BTC, 6));

    got.expectMessage(6L);
    assertThat(refused(Reason.MISSING_KIND)).isEqualTo(1);
    assertThat(recycled(RecycleReason.REJECTED_INPUT)).isEqualTo(1);
  }

  @Test
  void shouldRefuseIdsOutsideTheRegistryNamingTheValue() {
    Event farInstrument = asTrade(pipeline.acquire(), 8_000_000, 5);
    Event farVenue = asTrade(pipeline.acquire(), BTC, 5).setVenueId(31);

    assertThatThrownBy(() -> pipeline.publish(farInstrument))
        .isInstanceOf(InvalidEventException.class)
        .hasMessageContaining("instrument id 8000000");
    assertThatThrownBy(() -> pipeline.publish(farVenue))
        .hasMessageContaining("venue id 31")
        .hasMessageContaining("1..3");
    assertThat(refused(Reason.UNKNOWN_INSTRUMENT)).isEqualTo(1);
    assertThat(refused(Reason.UNKNOWN_VENUE)).isEqualTo(1);
    assertThat(recycled(RecycleReason.REJECTED_INPUT)).isEqualTo(2);
  }

  @Test
  void shouldRefuseAMissingFieldNamingIt() {
    Event noPrice = asTrade(pipeline.acquire(), BTC, 0);

    assertThatThrownBy(() -> pipeline.publish(noPrice))
        .hasMessageContaining("price must be positive for TRADE, got 0");
    assertThat(refused(Reason.MISSING_FIELD)).isEqualTo(1);
  }

  @Test
  void shouldRefuseAStandaloneEnvelopeWithoutTakingItIntoThePool() {
    Event standalone = asTrade(Event.standalone(), BTC, 5);

    assertThatThrownBy(() -> pipeline.publish(standalone)).hasMessageContaining("standalone");
    assertThat(refused(Reason.FOREIGN_ENVELOPE)).isEqualTo(1);
    assertThat(pipeline.pool().releasedCount()).isZero();
    assertThat(pipeline.pool().foreignReleaseCount()).isZero();
  }

  @Test
  void shouldRefuseAnEnvelopeThatWasAlreadyRecycled() {
    Event event = asTrade(pipeline.acquire(), BTC, 5);
    pipeline.recycler().recycle(event, event.generation(), RecycleReason.STRATEGY_HANDLED);

    assertThatThrownBy(() -> pipeline.publish(event)).hasMessageContaining("not acquired");
    assertThat(refused(Reason.NOT_ACQUIRED)).isEqualTo(1);
  }

  @Test
  void shouldFailPublishOnceTheOrchestratorIsGone() {
    Adapter.toClassic(pipeline.ingress())
        .tell(PoisonPill.getInstance(), org.apache.pekko.actor.ActorRef.noSender());
    TestProbe<Object> probe = testKit.createTestProbe();
    probe.expectTerminated(pipeline.ingress());

    probe.awaitAssert(
        () -> {
          assertThatThrownBy(() -> pipeline.publish(asTrade(pipeline.acquire(), BTC, 5)))
              .isInstanceOf(IllegalStateException.class)
              .hasMessageContaining("orchestrator stopped unexpectedly");
          return null;
        });
    assertThat(recycled(RecycleReason.PIPELINE_FAILURE)).isPositive();
  }

  @Test
  void shouldSurviveAnEnvelopeToldStraightToTheIngressAfterItWasRecycled() {
    Event released = asTrade(pipeline.acquire(), BTC, 5);
    Event published = asTrade(pipeline.acquire(), BTC, 7); // before: not the released one again
    pipeline.recycler().recycle(released, released.generation(), RecycleReason.STRATEGY_HANDLED);

    pipeline.ingress().tell(released); // bypasses publish: a bug of the caller's
    pipeline.publish(published);

    got.expectMessage(7L);
    got.awaitAssert( // the published event goes straight to its router: no order between the two
        () -> {
          assertThat(pipeline.metrics().orchestrator().failures()).isEqualTo(1);
          return null;
        });
  }

  @Test
  void shouldLoseNoEnvelopeWhenPublishRacesStop() throws Exception {
    int publishers = 4;
    CyclicBarrier start = new CyclicBarrier(publishers + 1);
    LongAdder accepted = new LongAdder();
    List<CompletableFuture<Void>> running = new ArrayList<>();
    for (int i = 0; i < publishers; i++) {
      running.add(
          CompletableFuture.runAsync(
              () -> {
                await(start);
                long price = 1;
                while (pipeline.publish(asTrade(pipeline.acquire(), BTC, price++))) {
                  accepted.increment();
                }
              }));
    }
    await(start);
    assertThat(pipeline.stop().toCompletableFuture()).succeedsWithin(WAIT);
    assertThat(CompletableFuture.allOf(running.toArray(CompletableFuture[]::new)))
        .succeedsWithin(WAIT);

    assertThat(pipeline.pool().inUse()).as(pipeline.pool().leakReport().toString()).isZero();
    assertThat(recycled(RecycleReason.SHUTDOWN)).isEqualTo(publishers);
    assertThat(
            recycled(RecycleReason.STRATEGY_HANDLED)
                + recycled(RecycleReason.DEAD_LETTER)
                + recycled(RecycleReason.PIPELINE_FAILURE))
        .as("every accepted event ended handled or as a dead letter")
        .isEqualTo(accepted.sum());
  }

  private static void await(CyclicBarrier barrier) {
    try {
      barrier.await();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
