package io.meltica.supervision;

import static org.assertj.core.api.Assertions.assertThat;

import io.meltica.pool.RecycleReason;
import io.meltica.protocol.Event;
import io.meltica.protocol.EventKind;
import io.meltica.protocol.TraceIds;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import org.apache.pekko.actor.testkit.typed.javadsl.LoggingTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class EnvelopeCustodyTest extends ActorTestSupport {
  private final LongAdder failures = new LongAdder();
  private final EnvelopeCustody custody =
      new EnvelopeCustody(
          "test-actor", recycler, failures, LoggerFactory.getLogger(EnvelopeCustodyTest.class));
  private final TestProbe<Long> passed = testKit.createTestProbe();

  /**
   * Takes each event: price 1 throws while holding it, price 2 throws after recycling it itself
   * (handed off), price 3 throws an Error while holding it; others are recycled and reported.
   */
  private Behavior<Event> actor() {
    return custody.supervise(
        Event.class,
        Behaviors.receive(Event.class)
            .onMessage(
                Event.class,
                event -> {
                  long generation = custody.take(event);
                  long price = event.price();
                  if (price == 1) {
                    throw new IllegalStateException("failed holding trace " + event.traceId());
                  }
                  if (price == 3) {
                    throw new AssertionError("assertion holding trace " + event.traceId());
                  }
                  custody.handOff();
                  recycler.recycle(event, generation, RecycleReason.STRATEGY_HANDLED);
                  if (price == 2) {
                    throw new IllegalStateException("failed after the hand-off");
                  }
                  passed.ref().tell(price);
                  return Behaviors.same();
                })
            .build());
  }

  private Event event(long price, long traceId) {
    return pool.acquire("test").setKind(EventKind.TRADE).setPrice(price).setTraceId(traceId);
  }

  @Test
  void shouldRecycleTheHeldEnvelopeLogItsTraceCountAndGoOn() {
    ActorRef<Event> actor = testKit.spawn(actor());

    LoggingTestKit.error("test-actor failed on a message")
        .withMdc(Map.of("trace_id", TraceIds.format(0x77)))
        .expect(
            testKit.system(),
            () -> {
              actor.tell(event(1, 0x77));
              return null;
            });
    actor.tell(event(9, 1));

    passed.expectMessage(9L);
    assertThat(recycler.recycledCount(RecycleReason.PIPELINE_FAILURE)).isEqualTo(1);
    assertThat(failures.sum()).isEqualTo(1);
  }

  @Test
  void shouldRecoverFromAnErrorLikeFromAnException() {
    ActorRef<Event> actor = testKit.spawn(actor());

    actor.tell(event(3, 5));
    actor.tell(event(9, 6));

    passed.expectMessage(9L);
    assertThat(recycler.recycledCount(RecycleReason.PIPELINE_FAILURE)).isEqualTo(1);
    assertThat(failures.sum()).isEqualTo(1);
  }

  @Test
  void shouldNeverTouchAnEnvelopeThatAlreadyLeft() {
    ActorRef<Event> actor = testKit.spawn(actor());

    actor.tell(event(2, 5));
    actor.tell(event(9, 6));

    passed.expectMessage(9L);
    assertThat(recycler.recycledCount(RecycleReason.PIPELINE_FAILURE)).isZero();
    assertThat(recycler.recycledCount(RecycleReason.STRATEGY_HANDLED)).isEqualTo(2);
    assertThat(failures.sum()).isEqualTo(1);
  }
}
