package io.meltica.supervision;

import io.meltica.protocol.ConsumerMessage;
import io.meltica.protocol.TraceIds;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.BehaviorInterceptor;
import org.apache.pekko.actor.typed.TypedActorContext;
import org.slf4j.MDC;

/**
 * The lazy way of putting {@code trace_id} and {@code consumer_id} in the MDC: only when something
 * is about to be logged (a handler asks for its logger, a handler throws and the supervisor will
 * log), never for a message that logs nothing. {@code Behaviors.withMdc} builds a map and a
 * trace-id string per message; this costs nothing on the happy path.
 *
 * <p>{@link #clearAfterEachMessage()} is the outermost wrapper of a consumer in lazy mode: it
 * removes both keys when the message (and the supervisor's reaction to it) is done. MDC is
 * thread-local and a message is handled on one thread, so no other synchronisation is needed.
 */
public final class ConsumerMdc {
  private ConsumerMdc() {}

  /** Puts both ids for the rest of the current message; allocates (the hex string). */
  public static void put(String consumerId, long traceId) {
    MDC.put(FailureAggregator.CONSUMER_ID, consumerId);
    MDC.put(FailureAggregator.TRACE_ID, TraceIds.format(traceId));
  }

  /** The outermost interceptor of a consumer in lazy mode: clears both keys after a message. */
  public static BehaviorInterceptor<ConsumerMessage, ConsumerMessage> clearAfterEachMessage() {
    return new ClearAfterMessage();
  }

  private static final class ClearAfterMessage
      extends BehaviorInterceptor<ConsumerMessage, ConsumerMessage> {
    ClearAfterMessage() {
      super(ConsumerMessage.class);
    }

    @Override
    public Behavior<ConsumerMessage> aroundReceive(
        TypedActorContext<ConsumerMessage> ctx,
        ConsumerMessage msg,
        ReceiveTarget<ConsumerMessage> target) {
      try {
        return target.apply(ctx, msg);
      } finally {
        MDC.remove(FailureAggregator.TRACE_ID);
        MDC.remove(FailureAggregator.CONSUMER_ID);
      }
    }
  }
}
