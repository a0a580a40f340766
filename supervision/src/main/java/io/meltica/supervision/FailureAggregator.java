package io.meltica.supervision;

import io.meltica.protocol.EventKind;
import io.meltica.protocol.TraceIds;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.slf4j.Logger;
import org.slf4j.MDC;

/**
 * Collects every strategy failure: counts them, aggregates them per trace id (one event that made
 * several strategies fail is one trace with several failures) and per strategy, and logs one
 * structured ERROR line per failure with {@code trace_id} and {@code strategy_id} in the MDC and
 * the stack trace attached.
 *
 * <p>Strategies report with a fire-and-forget {@code tell}, so a failure never waits on this actor,
 * and one strategy's failures never delay another strategy.
 */
public final class FailureAggregator extends AbstractBehavior<FailureAggregator.Command> {

  /** Messages of the failure aggregator. */
  public sealed interface Command permits ReportFailure, GetSummary, Flush {}

  /**
   * One failure of one strategy on one event.
   *
   * @param traceId the event's trace id (0 if it had none)
   * @param failure what the handler threw (or the misuse the recycler detected)
   */
  public record ReportFailure(long traceId, int strategyId, EventKind kind, Throwable failure)
      implements Command {}

  /** Asks for a {@link Summary}. */
  public record GetSummary(ActorRef<Summary> replyTo) implements Command {}

  /** Answers once every report sent before it is logged (for an orderly shutdown). */
  public record Flush(ActorRef<Done> replyTo) implements Command {}

  /**
   * Failures so far.
   *
   * @param perTraceId failures per trace id, for the most recent traces (bounded)
   * @param perConsumer failures per strategy id
   */
  public record Summary(
      long total, long withTraceId, Map<Long, Integer> perTraceId, Map<Integer, Long> perConsumer) {
    public Summary {
      perTraceId = Map.copyOf(perTraceId);
      perConsumer = Map.copyOf(perConsumer);
    }
  }

  /** MDC key of the event's trace id, 16 hex digits. */
  public static final String TRACE_ID = "trace_id";

  /** MDC key of the strategy's id. */
  public static final String STRATEGY_ID = "strategy_id";

  private final FailureStats stats;
  private final Map<Long, Integer> perTraceId;
  private final Map<Integer, Long> perConsumer = new HashMap<>();
  private final Logger log;

  /**
   * @param stats counters this actor keeps up to date for readers on other threads
   * @param maxTraces how many trace ids to remember; the oldest is forgotten first
   */
  public static Behavior<Command> create(FailureStats stats, int maxTraces) {
    return Behaviors.setup(ctx -> new FailureAggregator(ctx, stats, maxTraces));
  }

  private FailureAggregator(ActorContext<Command> ctx, FailureStats stats, int maxTraces) {
    super(ctx);
    this.stats = stats;
    this.log = ctx.getLog();
    this.perTraceId =
        new LinkedHashMap<>() {
          @Override
          protected boolean removeEldestEntry(Map.Entry<Long, Integer> eldest) {
            return size() > maxTraces;
          }
        };
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(ReportFailure.class, this::onReportFailure)
        .onMessage(GetSummary.class, this::onGetSummary)
        .onMessage(Flush.class, this::onFlush)
        .build();
  }

  private Behavior<Command> onReportFailure(ReportFailure report) {
    boolean hasTraceId = report.traceId() != TraceIds.NONE;
    stats.record(hasTraceId);
    perConsumer.merge(report.strategyId(), 1L, Long::sum);
    int failuresOfTrace = perTraceId.merge(report.traceId(), 1, Integer::sum);
    String traceId = TraceIds.format(report.traceId());
    MDC.put(TRACE_ID, traceId);
    MDC.put(STRATEGY_ID, Integer.toString(report.strategyId()));
    try {
      log.atError()
          .setCause(report.failure())
          .addKeyValue("kind", report.kind())
          .addKeyValue("exception", report.failure().getClass().getName())
          .addKeyValue("failures_of_trace", failuresOfTrace)
          .log(
              "strategy {} failed on {} event (trace {}): {}",
              report.strategyId(),
              report.kind(),
              traceId,
              String.valueOf(report.failure().getMessage()));
    } finally {
      MDC.remove(TRACE_ID);
      MDC.remove(STRATEGY_ID);
    }
    return this;
  }

  private Behavior<Command> onFlush(Flush flush) {
    flush.replyTo().tell(Done.getInstance());
    return this;
  }

  private Behavior<Command> onGetSummary(GetSummary request) {
    request
        .replyTo()
        .tell(new Summary(stats.total(), stats.withTraceId(), perTraceId, perConsumer));
    return this;
  }
}
