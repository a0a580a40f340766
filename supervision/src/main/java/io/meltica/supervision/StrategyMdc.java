package io.meltica.supervision;

import io.meltica.protocol.StrategyMessage;
import io.meltica.protocol.TraceIds;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.BehaviorInterceptor;
import org.apache.pekko.actor.typed.TypedActorContext;
import org.slf4j.MDC;

/**
 * The lazy way of putting {@code trace_id} and {@code strategy_id} in the MDC: only when something
 * is about to be logged (a handler asks for its logger, a handler throws and the supervisor will
 * log), never for a message that logs nothing. {@code Behaviors.withMdc} builds a map and a
 * trace-id string per message; this costs nothing on the happy path.
 *
 * <p>{@link #clearAfterEachMessage()} is the outermost wrapper of a strategy in lazy mode: it
 * removes both keys when the message (and the supervisor's reaction to it) is done. MDC is
 * thread-local and a message is handled on one thread, so no other synchronisation is needed.
 */
public final class StrategyMdc {
  private StrategyMdc() {}

  /** Puts both ids for the rest of the current message; allocates (the hex string). */
  public static void put(String strategyId, long traceId) {
    MDC.put(FailureAggregator.STRATEGY_ID, strategyId);
    MDC.put(FailureAggregator.TRACE_ID, TraceIds.format(traceId));
  }

  /** Removes both ids if {@link #put} set them; both are always put together, so one read tells. */
  public static void clear() {
    if (MDC.get(FailureAggregator.STRATEGY_ID) != null) {
      MDC.remove(FailureAggregator.TRACE_ID);
      MDC.remove(FailureAggregator.STRATEGY_ID);
    }
  }

  /** The outermost interceptor of a strategy in lazy mode: clears both keys after a message. */
  public static BehaviorInterceptor<StrategyMessage, StrategyMessage> clearAfterEachMessage() {
    return new ClearAfterMessage();
  }

  private static final class ClearAfterMessage
      extends BehaviorInterceptor<StrategyMessage, StrategyMessage> {
    ClearAfterMessage() {
      super(StrategyMessage.class);
    }

    @Override
    public Behavior<StrategyMessage> aroundReceive(
        TypedActorContext<StrategyMessage> ctx,
        StrategyMessage msg,
        ReceiveTarget<StrategyMessage> target) {
      try {
        return target.apply(ctx, msg);
      } finally {
        clear();
      }
    }
  }
}
