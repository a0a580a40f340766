package io.meltica.actors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.meltica.pool.RecycleReason;
import io.meltica.protocol.Event;
import io.meltica.protocol.EventBatch;
import io.meltica.protocol.StrategyMessage;
import io.meltica.protocol.TraceIds;
import io.meltica.supervision.FailureAggregator;
import io.meltica.supervision.HandlerError;
import io.meltica.supervision.SupervisionSettings;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.apache.pekko.actor.testkit.typed.javadsl.LoggingTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.MailboxSelector;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.slf4j.event.Level;

/**
 * A batch's events reach the live strategy instance past its behaviour stack ({@link DirectLane})
 * with every per-event guarantee of the stack: the supervisor acts on a failure before the next
 * event, the fresh instance of a restart gets the rest, the envelope is back first, the MDC is set
 * for the supervisor's line and cleared between events, and the per-message MDC still sees every
 * event.
 */
class DirectLaneTest extends ActorTestSupport {
  private static final int STRATEGY_ID = 6;
  private static final long THROWS = -1;
  private static final long FAILS_ASSERTION = -2;
  private static final long THROWS_CHECKED = -3;
  private static final long RELEASES_ITSELF = -4;

  private final TestProbe<FailureAggregator.Command> failures = testKit.createTestProbe();
  private final TestProbe<Seen> seen = testKit.createTestProbe();
  private final AtomicInteger instances = new AtomicInteger();

  /**
   * What a handler saw: which instance it was (1 for the first the strategy made), the event's
   * price, and the trace id in the MDC before it logged anything.
   */
  record Seen(int instance, long price, String mdcTraceIdBefore) {}

  /** Handlers that report each event, log it, and fail as the price says; numbered as made. */
  private EventHandler nextHandler() {
    int instance = instances.incrementAndGet();
    return (event, ctx) -> {
      seen.ref().tell(new Seen(instance, event.price(), MDC.get(FailureAggregator.TRACE_ID)));
      ctx.log().debug("handling {}", event.price());
      LoggerFactory.getLogger("own-logger").info("own line {}", event.price());
      if (event.price() == THROWS) {
        throw new IllegalStateException("thrown on " + event.traceId());
      }
      if (event.price() == FAILS_ASSERTION) {
        throw new AssertionError("assertion on " + event.traceId());
      }
      if (event.price() == THROWS_CHECKED) {
        throw new IOException("checked on " + event.traceId());
      }
      if (event.price() == RELEASES_ITSELF) {
        handled(event);
      }
    };
  }

  private ActorRef<StrategyMessage> spawn(SupervisionSettings supervision) {
    return spawn(supervision, this::nextHandler);
  }

  private ActorRef<StrategyMessage> spawn(
      SupervisionSettings supervision, Supplier<EventHandler> handlers) {
    PipelineServices services =
        new PipelineServices(recycler, ids, new FanOutStats(1, 2), failures.ref(), supervision);
    return testKit.spawn(
        StrategyActor.create(
            STRATEGY_ID,
            StrategySpec.of("direct", handlers),
            services,
            new StrategyMetrics(STRATEGY_ID, "direct")),
        "direct",
        MailboxSelector.fromConfig("meltica.strategy-mailbox"));
  }

  private static SupervisionSettings restart(int maxRestarts) {
    return new SupervisionSettings(true, maxRestarts, Duration.ofMinutes(1), Level.DEBUG);
  }

  /** One batch of trades at {@code prices}, trace id i + 1 for the i-th. */
  private EventBatch batch(long... prices) {
    EventBatch batch = new EventBatch(prices.length, emptied -> {});
    for (int i = 0; i < prices.length; i++) {
      Event event = trade(BTC, prices[i]).setTraceId(i + 1);
      batch.add(event, event.generation());
    }
    return batch;
  }

  private List<Seen> receiveSeen(int count) {
    return Stream.generate(seen::receiveMessage).limit(count).toList();
  }

  private FailureAggregator.ReportFailure receiveReport() {
    return (FailureAggregator.ReportFailure) failures.receiveMessage();
  }

  @Test
  void shouldRestartBeforeTheBatchsNextEventAndHandTheRestToTheFreshInstance() {
    ActorRef<StrategyMessage> strategy = spawn(restart(5));

    strategy.tell(batch(1, 2, THROWS, 4, 5, 6));
    strategy.tell(batch(7, 8));

    assertThat(receiveSeen(8))
        .extracting(Seen::instance, Seen::price)
        .containsExactly(
            tuple(1, 1L),
            tuple(1, 2L),
            tuple(1, THROWS),
            tuple(2, 4L),
            tuple(2, 5L),
            tuple(2, 6L),
            tuple(2, 7L),
            tuple(2, 8L));
    assertThat(receiveReport().traceId()).isEqualTo(3);
    awaitRecycled(RecycleReason.STRATEGY_HANDLED, 8);
  }

  @Test
  void shouldHandTheNextBatchToTheFreshInstanceWhenAnEventOnItsOwnRestartedTheStrategy() {
    ActorRef<StrategyMessage> strategy = spawn(restart(5));

    strategy.tell(batch(1, 2)); // the second event goes past the stack to instance 1
    strategy.tell(trade(BTC, THROWS).setTraceId(3)); // through the stack: instance 2 made
    strategy.tell(batch(4, 5));

    assertThat(receiveSeen(5)).extracting(Seen::instance).containsExactly(1, 1, 1, 2, 2);
    assertThat(receiveReport().traceId()).isEqualTo(3);
    awaitRecycled(RecycleReason.STRATEGY_HANDLED, 5);
  }

  @Test
  void shouldHandTheNextBatchToTheFreshInstanceWhenAWatchedActorsDeathRestartedTheStrategy() {
    ActorRef<Object> watched = testKit.spawn(Behaviors.empty());
    AtomicInteger made = new AtomicInteger();
    ActorRef<StrategyMessage> strategy =
        spawn(
            restart(5),
            () -> {
              int instance = made.incrementAndGet();
              return (event, ctx) -> {
                if (event.price() == 1) {
                  ctx.actorContext().watch(watched); // unhandled Terminated: a DeathPactException
                }
                seen.ref().tell(new Seen(instance, event.price(), null));
              };
            });

    strategy.tell(batch(1, 2)); // the second event goes past the stack to instance 1
    assertThat(receiveSeen(2)).extracting(Seen::instance).containsExactly(1, 1);
    testKit.stop(watched);
    seen.awaitAssert(() -> assertThat(made.get()).as("restarted").isEqualTo(2));
    strategy.tell(batch(3, 4));

    assertThat(receiveSeen(2)).extracting(Seen::instance).containsExactly(2, 2);
    awaitRecycled(RecycleReason.STRATEGY_HANDLED, 4);
  }

  @Test
  void shouldGoOnWithTheSameInstanceAfterAResume() {
    ActorRef<StrategyMessage> strategy = spawn(SupervisionSettings.resume());

    strategy.tell(batch(1, THROWS, 3, THROWS, 5));

    assertThat(receiveSeen(5)).extracting(Seen::instance).containsOnly(1);
    assertThat(receiveReport().traceId()).isEqualTo(2);
    assertThat(receiveReport().traceId()).isEqualTo(4);
    awaitRecycled(RecycleReason.STRATEGY_HANDLED, 5);
  }

  @Test
  void shouldRecoverFromAnErrorAndACheckedExceptionInTheMiddleOfABatch() {
    ActorRef<StrategyMessage> strategy = spawn(restart(5));

    strategy.tell(batch(1, FAILS_ASSERTION, 3, THROWS_CHECKED, 5));

    assertThat(receiveSeen(5))
        .extracting(Seen::instance)
        .as("restarted after the error and after the checked exception")
        .containsExactly(1, 1, 2, 2, 3);
    assertThat(receiveReport().failure()).isInstanceOf(AssertionError.class);
    assertThat(receiveReport().failure()).isInstanceOf(IOException.class);
    awaitRecycled(RecycleReason.STRATEGY_HANDLED, 5);
  }

  @Test
  void shouldReportAHandlerThatReleasedItsOwnEnvelopeAndGoOn() {
    leaks.expectRefusedReleases(pool, 1);
    ActorRef<StrategyMessage> strategy = spawn(SupervisionSettings.resume());

    strategy.tell(batch(1, 2, RELEASES_ITSELF, 4));

    assertThat(receiveSeen(4)).extracting(Seen::price).containsExactly(1L, 2L, -4L, 4L);
    FailureAggregator.ReportFailure report = receiveReport();
    assertThat(report.traceId()).isEqualTo(3);
    assertThat(report.failure()).hasMessageContaining("released twice");
    awaitRecycled(RecycleReason.STRATEGY_HANDLED, 4); // three by the strategy, one by the handler
    assertThat(pool.refusedReleaseCount()).isEqualTo(1);
  }

  @Test
  void shouldStopPastTheRestartLimitAndRecycleTheRestOfTheBatch() {
    ActorRef<StrategyMessage> strategy = spawn(restart(1));
    TestProbe<Object> watcher = testKit.createTestProbe();

    strategy.tell(batch(1, 2, THROWS, 4, THROWS, 6, 7));

    assertThat(receiveSeen(5)).extracting(Seen::price).containsExactly(1L, 2L, THROWS, 4L, THROWS);
    watcher.expectTerminated(strategy);
    awaitRecycled(RecycleReason.STRATEGY_HANDLED, 5);
    awaitRecycled(RecycleReason.DEAD_LETTER, 2);
    seen.expectNoMessage(QUIET);
  }

  @Test
  void shouldHaveTheEnvelopeBackAndTheTraceIdSetWhenTheSupervisorLogsBeforeTheNextEvent() {
    ActorRef<StrategyMessage> strategy =
        spawn(new SupervisionSettings(false, 0, Duration.ZERO, Level.WARN));
    AtomicLong recycledWhenLogged = new AtomicLong(-1);

    LoggingTestKit.custom(
            log -> {
              if (log.level() == Level.WARN && log.message().contains("thrown on 3")) {
                recycledWhenLogged.set(recycler.recycledCount(RecycleReason.STRATEGY_HANDLED));
                return true;
              }
              return false;
            })
        .withMdc(Map.of("strategy_id", "6", "trace_id", TraceIds.format(3)))
        .expect(
            testKit.system(),
            () -> {
              strategy.tell(batch(1, 2, THROWS, 4, 5));
              return null;
            });

    assertThat(recycledWhenLogged.get()).as("events 1 to 3, and not 4 yet").isEqualTo(3);
    assertThat(receiveSeen(5))
        .extracting(Seen::mdcTraceIdBefore)
        .as("nothing left in the MDC from the event before")
        .containsOnlyNulls();
    awaitRecycled(RecycleReason.STRATEGY_HANDLED, 5);
  }

  @Test
  void shouldPutEveryEventsTraceIdInTheMdcForAnyLoggerWithThePerMessageMdc() {
    ActorRef<StrategyMessage> strategy =
        spawn(new SupervisionSettings(false, 0, Duration.ZERO, Level.DEBUG, true));

    LoggingTestKit.info("own line 4")
        .withMdc(Map.of("strategy_id", "6", "trace_id", TraceIds.format(4)))
        .expect(
            testKit.system(),
            () -> {
              strategy.tell(batch(1, 2, 3, 4, 5));
              return null;
            });

    assertThat(receiveSeen(5))
        .extracting(Seen::mdcTraceIdBefore)
        .containsExactly(
            TraceIds.format(1),
            TraceIds.format(2),
            TraceIds.format(3),
            TraceIds.format(4),
            TraceIds.format(5));
    awaitRecycled(RecycleReason.STRATEGY_HANDLED, 5);
  }

  @Test
  void shouldWrapAHandlersErrorSoThatTheSupervisorRecoversTheStrategy() {
    ActorRef<StrategyMessage> strategy =
        spawn(new SupervisionSettings(false, 0, Duration.ZERO, Level.WARN));

    LoggingTestKit.custom(log -> log.getThrowable().orElse(null) instanceof HandlerError)
        .expect(
            testKit.system(),
            () -> {
              strategy.tell(batch(1, 2, FAILS_ASSERTION, 4));
              return null;
            });

    assertThat(receiveSeen(4)).extracting(Seen::price).containsExactly(1L, 2L, -2L, 4L);
    awaitRecycled(RecycleReason.STRATEGY_HANDLED, 4);
  }
}
