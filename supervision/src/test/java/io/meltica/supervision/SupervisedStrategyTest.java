package io.meltica.supervision;

import static org.assertj.core.api.Assertions.assertThat;

import io.meltica.pool.RecycleReason;
import io.meltica.protocol.Event;
import io.meltica.protocol.EventKind;
import io.meltica.protocol.StrategyMessage;
import io.meltica.protocol.TraceIds;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.pekko.actor.testkit.typed.javadsl.LoggingTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.event.Level;

class SupervisedStrategyTest extends ActorTestSupport {
  private final TestProbe<FailureAggregator.Command> failures = testKit.createTestProbe();
  private final TestProbe<String> handled = testKit.createTestProbe();
  private final DeliveryOutcome outcome = new DeliveryOutcome();

  /**
   * Handles an event: "boom" in the instrument id 13 throws, 14 fails an assertion, 15 recurses
   * until the stack overflows, 7 is filtered, others pass.
   */
  private Behavior<StrategyMessage> inner() {
    return Behaviors.receive(StrategyMessage.class)
        .onMessage(
            Event.class,
            event -> {
              if (event.instrumentId() == 13) {
                throw new IllegalArgumentException("boom on trace " + event.traceId());
              }
              if (event.instrumentId() == 14) {
                throw new AssertionError("assertion on trace " + event.traceId());
              }
              if (event.instrumentId() == 15) {
                handled.ref().tell("depth " + runaway(0));
              }
              if (event.instrumentId() == 7) {
                outcome.markFiltered();
                handled.ref().tell("filtered");
              } else {
                handled.ref().tell("handled " + event.traceId());
              }
              return Behaviors.same();
            })
        .build();
  }

  private static int runaway(int depth) {
    return runaway(depth + 1) + 1;
  }

  private ActorRef<StrategyMessage> spawn(SupervisionSettings settings) {
    return testKit.spawn(
        SupervisedStrategy.wrap(5, inner(), outcome, recycler, failures.ref(), settings));
  }

  private Event event(int instrumentId, long traceId) {
    return pool.acquire("test")
        .setKind(EventKind.TRADE)
        .setInstrumentId(instrumentId)
        .setTraceId(traceId);
  }

  @Test
  void shouldRecycleAfterANormalReturn() {
    spawn(SupervisionSettings.resume()).tell(event(1, 11));

    handled.expectMessage("handled 11");
    awaitRecycled(RecycleReason.STRATEGY_HANDLED, 1);
  }

  @Test
  void shouldRecycleAFilteredEventAsFiltered() {
    ActorRef<StrategyMessage> consumer = spawn(SupervisionSettings.resume());
    consumer.tell(event(7, 1));
    consumer.tell(event(1, 2));

    handled.expectMessage("filtered");
    handled.expectMessage("handled 2");
    awaitRecycled(RecycleReason.FILTERED_BY_GATE, 1);
    awaitRecycled(RecycleReason.STRATEGY_HANDLED, 1);
  }

  @Test
  void shouldRecycleAndReportWhenTheHandlerThrowsAndThenResume() {
    ActorRef<StrategyMessage> consumer = spawn(SupervisionSettings.resume());
    consumer.tell(event(13, 0xABC));

    FailureAggregator.ReportFailure report =
        (FailureAggregator.ReportFailure) failures.receiveMessage();
    assertThat(report.traceId()).isEqualTo(0xABC);
    assertThat(report.strategyId()).isEqualTo(5);
    assertThat(report.kind()).isEqualTo(EventKind.TRADE);
    assertThat(report.failure()).isInstanceOf(IllegalArgumentException.class);

    consumer.tell(event(1, 3));
    handled.expectMessage("handled 3");
    awaitRecycled(RecycleReason.STRATEGY_HANDLED, 2);
  }

  @ParameterizedTest(name = "restart: {0}")
  @ValueSource(booleans = {false, true})
  void shouldRecoverFromAnAssertionErrorAndAStackOverflowLikeFromAnException(boolean restart) {
    SupervisionSettings settings =
        restart
            ? new SupervisionSettings(true, 10, Duration.ofMinutes(1), Level.DEBUG)
            : SupervisionSettings.resume();
    ActorRef<StrategyMessage> consumer = spawn(settings);

    consumer.tell(event(14, 0xA));
    consumer.tell(event(15, 0xB));
    consumer.tell(event(1, 0xC));

    FailureAggregator.ReportFailure assertion =
        (FailureAggregator.ReportFailure) failures.receiveMessage();
    FailureAggregator.ReportFailure overflow =
        (FailureAggregator.ReportFailure) failures.receiveMessage();
    assertThat(assertion.traceId()).isEqualTo(0xA);
    assertThat(assertion.failure()).isInstanceOf(AssertionError.class);
    assertThat(overflow.traceId()).isEqualTo(0xB);
    assertThat(overflow.failure()).isInstanceOf(StackOverflowError.class);
    handled.expectMessage("handled 12");
    awaitRecycled(RecycleReason.STRATEGY_HANDLED, 3);
  }

  @Test
  void shouldLetOnlyVirtualMachineErrorsOtherThanStackOverflowEscalate() {
    assertThat(FatalErrors.isFatal(new OutOfMemoryError())).isTrue();
    assertThat(FatalErrors.isFatal(new InternalError())).isTrue();
    assertThat(FatalErrors.isFatal(new StackOverflowError())).isFalse();
    assertThat(FatalErrors.isFatal(new AssertionError())).isFalse();
    assertThat(FatalErrors.isFatal(new IllegalStateException())).isFalse();
  }

  @ParameterizedTest(name = "per-message MDC: {0}")
  @ValueSource(booleans = {false, true})
  void shouldHaveTheEnvelopeBackInThePoolBeforeTheSupervisorLogs(boolean perMessageMdc) {
    SupervisionSettings warn =
        new SupervisionSettings(false, 0, Duration.ZERO, Level.WARN, perMessageMdc);
    ActorRef<StrategyMessage> consumer = spawn(warn);
    AtomicLong inUseWhenLogged = new AtomicLong(-1);

    LoggingTestKit.custom(
            log -> {
              if (log.level() == Level.WARN && log.message().contains("boom")) {
                inUseWhenLogged.set(pool.inUse());
                return true;
              }
              return false;
            })
        .withMdc(Map.of("strategy_id", "5", "trace_id", TraceIds.format(99)))
        .expect(
            testKit.system(),
            () -> {
              consumer.tell(event(13, 99));
              return null;
            });

    assertThat(inUseWhenLogged.get()).isZero();
  }

  @Test
  void shouldLeaveNoIdsInTheMdcAfterAMessageInLazyMode() {
    TestProbe<String> mdcSeen = testKit.createTestProbe();
    Behavior<StrategyMessage> logsTwice =
        Behaviors.receive(StrategyMessage.class)
            .onMessage(
                Event.class,
                event -> {
                  mdcSeen.ref().tell(String.valueOf(org.slf4j.MDC.get("trace_id")));
                  StrategyMdc.put("5", event.traceId());
                  mdcSeen.ref().tell(org.slf4j.MDC.get("trace_id"));
                  return Behaviors.same();
                })
            .build();
    ActorRef<StrategyMessage> consumer =
        testKit.spawn(
            SupervisedStrategy.wrap(
                5, logsTwice, outcome, recycler, failures.ref(), SupervisionSettings.resume()));

    consumer.tell(event(1, 0x10));
    consumer.tell(event(1, 0x11));

    mdcSeen.expectMessage("null");
    mdcSeen.expectMessage(TraceIds.format(0x10));
    mdcSeen.expectMessage("null"); // cleared after the first message, on whatever thread
    mdcSeen.expectMessage(TraceIds.format(0x11));
  }

  @Test
  void shouldRestartWithAFreshBehaviourAndStopPastTheLimit() {
    AtomicInteger starts = new AtomicInteger();
    Behavior<StrategyMessage> counted =
        Behaviors.setup(
            ctx -> {
              starts.incrementAndGet();
              return inner();
            });
    SupervisionSettings restart =
        new SupervisionSettings(true, 2, Duration.ofMinutes(1), Level.DEBUG);
    ActorRef<StrategyMessage> consumer =
        testKit.spawn(
            SupervisedStrategy.wrap(5, counted, outcome, recycler, failures.ref(), restart));
    TestProbe<Object> watcher = testKit.createTestProbe();

    consumer.tell(event(13, 1));
    consumer.tell(event(13, 2));
    consumer.tell(event(1, 3));
    handled.expectMessage("handled 3");
    assertThat(starts.get()).isEqualTo(3);

    consumer.tell(event(13, 4));
    watcher.expectTerminated(consumer);
    awaitRecycled(RecycleReason.STRATEGY_HANDLED, 4);
  }

  @Test
  void shouldCatchAReleaseInsideTheHandlerAsADoubleRelease() {
    leaks.expectRefusedReleases(pool, 1);
    Behavior<StrategyMessage> releasesItself =
        Behaviors.receive(StrategyMessage.class)
            .onMessage(
                Event.class,
                event -> {
                  recycler.recycle(event, event.generation(), RecycleReason.STRATEGY_HANDLED);
                  return Behaviors.same();
                })
            .build();
    testKit
        .spawn(
            SupervisedStrategy.wrap(
                5, releasesItself, outcome, recycler, failures.ref(), SupervisionSettings.resume()))
        .tell(event(1, 8));

    FailureAggregator.ReportFailure report =
        (FailureAggregator.ReportFailure) failures.receiveMessage();
    assertThat(report.failure())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("released twice");
    assertThat(report.traceId()).isEqualTo(8);
  }

  private void awaitRecycled(RecycleReason reason, long count) {
    TestProbe<Object> poll = testKit.createTestProbe();
    poll.awaitAssert(
        () -> {
          assertThat(recycler.recycledCount(reason)).isEqualTo(count);
          return null;
        });
  }
}
