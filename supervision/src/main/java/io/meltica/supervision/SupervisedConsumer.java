package io.meltica.supervision;

import io.meltica.pool.Recycler;
import io.meltica.protocol.ConsumerMessage;
import io.meltica.protocol.Event;
import io.meltica.protocol.TraceIds;
import java.util.Map;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * Wraps a consumer behaviour in the nesting the design requires, outermost first:
 *
 * <ol>
 *   <li>the MDC: {@code consumer_id} and the {@code trace_id} of the event being handled, so that
 *       the log lines of the consumer and of its supervisor carry both. Per-message mode uses
 *       {@code withMdc}; lazy mode (the default, nothing allocated per message) puts them only when
 *       something logs (see {@link ConsumerMdc}) and clears them after each message;
 *   <li>{@code supervise}: resume or restart per {@link SupervisionSettings};
 *   <li>{@link RecycleAfterHandle}: the envelope goes back to the pool, and a failure is reported,
 *       before the supervisor acts;
 *   <li>the consumer behaviour itself.
 * </ol>
 *
 * <p>With {@code withMdc} inside {@code supervise} the MDC would already be cleared when the
 * supervisor logs; with the interceptor outside {@code supervise} the envelope would be recycled
 * only after a restart.
 */
public final class SupervisedConsumer {
  private SupervisedConsumer() {}

  /**
   * @param outcome shared with {@code consumer}, which marks filtered events; created by the caller
   *     so that it survives restarts
   */
  public static Behavior<ConsumerMessage> wrap(
      int consumerId,
      Behavior<ConsumerMessage> consumer,
      DeliveryOutcome outcome,
      Recycler recycler,
      ActorRef<FailureAggregator.Command> failures,
      SupervisionSettings settings) {
    Behavior<ConsumerMessage> recycling =
        Behaviors.intercept(
            () -> new RecycleAfterHandle(consumerId, outcome, recycler, failures), consumer);
    Behavior<ConsumerMessage> supervised =
        Behaviors.supervise(recycling).onFailure(Exception.class, settings.toStrategy());
    if (!settings.perMessageMdc()) {
      return Behaviors.intercept(ConsumerMdc::clearAfterEachMessage, supervised);
    }
    return Behaviors.withMdc(
        ConsumerMessage.class,
        Map.of(FailureAggregator.CONSUMER_ID, Integer.toString(consumerId)),
        SupervisedConsumer::traceMdc,
        supervised);
  }

  /** The per-message MDC: the event's trace id, or nothing for control messages. */
  private static Map<String, String> traceMdc(ConsumerMessage msg) {
    if (msg instanceof Event event) {
      return Map.of(FailureAggregator.TRACE_ID, TraceIds.format(event.traceId()));
    }
    return Map.of();
  }
}
