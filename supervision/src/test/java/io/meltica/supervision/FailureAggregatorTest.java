package io.meltica.supervision;

import static org.assertj.core.api.Assertions.assertThat;

import io.meltica.protocol.EventKind;
import io.meltica.protocol.TraceIds;
import java.util.Map;
import org.apache.pekko.Done;
import org.apache.pekko.actor.testkit.typed.javadsl.LoggingTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.junit.jupiter.api.Test;

class FailureAggregatorTest extends ActorTestSupport {
  private final FailureStats stats = new FailureStats();

  @Test
  void shouldLogEachFailureWithStackTraceTraceIdAndStrategyId() {
    ActorRef<FailureAggregator.Command> aggregator =
        testKit.spawn(FailureAggregator.create(stats, 100));

    LoggingTestKit.error(IllegalStateException.class)
        .withMessageContains("strategy 3 failed on EXEC_REPORT")
        .withMdc(Map.of("trace_id", TraceIds.format(0xFEED), "strategy_id", "3"))
        .expect(
            testKit.system(),
            () -> {
              aggregator.tell(report(0xFEED, 3, new IllegalStateException("bad fill")));
              return null;
            });
  }

  @Test
  void shouldAggregateFailuresPerTraceIdAndPerConsumer() {
    ActorRef<FailureAggregator.Command> aggregator =
        testKit.spawn(FailureAggregator.create(stats, 100));
    aggregator.tell(report(1, 3, new RuntimeException("a")));
    aggregator.tell(report(1, 4, new RuntimeException("b")));
    aggregator.tell(report(2, 3, new RuntimeException("c")));
    aggregator.tell(report(TraceIds.NONE, 4, new RuntimeException("d")));

    FailureAggregator.Summary summary = summary(aggregator);

    assertThat(summary.total()).isEqualTo(4);
    assertThat(summary.withTraceId()).isEqualTo(3);
    assertThat(summary.perTraceId()).containsEntry(1L, 2).containsEntry(2L, 1);
    assertThat(summary.perConsumer()).containsEntry(3, 2L).containsEntry(4, 2L);
    assertThat(stats.total()).isEqualTo(4);
    assertThat(stats.withTraceId()).isEqualTo(3);
  }

  @Test
  void shouldAnswerAFlushAfterEveryEarlierReport() {
    ActorRef<FailureAggregator.Command> aggregator =
        testKit.spawn(FailureAggregator.create(stats, 100));
    for (int i = 0; i < 50; i++) {
      aggregator.tell(report(i, 1, new RuntimeException("x")));
    }
    TestProbe<Done> flushed = testKit.createTestProbe();

    aggregator.tell(new FailureAggregator.Flush(flushed.ref()));

    flushed.expectMessage(Done.getInstance());
    assertThat(stats.total()).isEqualTo(50);
  }

  @Test
  void shouldForgetTheOldestTracesPastTheBound() {
    ActorRef<FailureAggregator.Command> aggregator =
        testKit.spawn(FailureAggregator.create(stats, 2));
    for (long trace = 1; trace <= 3; trace++) {
      aggregator.tell(report(trace, 1, new RuntimeException("x")));
    }

    FailureAggregator.Summary summary = summary(aggregator);

    assertThat(summary.perTraceId()).containsOnlyKeys(2L, 3L);
    assertThat(summary.total()).isEqualTo(3);
  }

  private FailureAggregator.Summary summary(ActorRef<FailureAggregator.Command> aggregator) {
    TestProbe<FailureAggregator.Summary> probe = testKit.createTestProbe();
    aggregator.tell(new FailureAggregator.GetSummary(probe.ref()));
    return probe.receiveMessage();
  }

  private static FailureAggregator.ReportFailure report(long trace, int consumer, Throwable t) {
    return new FailureAggregator.ReportFailure(trace, consumer, EventKind.EXEC_REPORT, t);
  }
}
