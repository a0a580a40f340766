package io.meltica.supervision;

import io.meltica.pool.Recycler;
import io.meltica.protocol.Event;
import io.meltica.protocol.StrategyMessage;
import io.meltica.protocol.TraceIds;
import java.util.Map;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * Wraps a strategy behaviour in the nesting the design requires, outermost first:
 *
 * <ol>
 *   <li>the MDC: {@code strategy_id} and the {@code trace_id} of the event being handled, so that
 *       the log lines of the strategy and of its supervisor carry both. Per-message mode uses
 *       {@code withMdc}; lazy mode (the default, nothing allocated per message) puts them only when
 *       something logs (see {@link StrategyMdc}) and clears them after each message;
 *   <li>{@code supervise}: resume or restart per {@link SupervisionSettings};
 *   <li>{@link RecycleAfterHandle}: the envelope goes back to the pool, and a failure is reported,
 *       before the supervisor acts;
 *   <li>the strategy behaviour itself.
 * </ol>
 *
 * <p>With {@code withMdc} inside {@code supervise} the MDC would already be cleared when the
 * supervisor logs; with the interceptor outside {@code supervise} the envelope would be recycled
 * only after a restart.
 */
public final class SupervisedStrategy {
  private SupervisedStrategy() {}

  /**
   * @param outcome shared with {@code strategy}, which marks filtered events; created by the caller
   *     so that it survives restarts
   */
  public static Behavior<StrategyMessage> wrap(
      int strategyId,
      Behavior<StrategyMessage> consumer,
      DeliveryOutcome outcome,
      Recycler recycler,
      ActorRef<FailureAggregator.Command> failures,
      SupervisionSettings settings) {
    Behavior<StrategyMessage> recycling =
        Behaviors.intercept(
            () -> new RecycleAfterHandle(strategyId, outcome, recycler, failures), consumer);
    Behavior<StrategyMessage> supervised =
        Behaviors.supervise(recycling).onFailure(Exception.class, settings.toStrategy());
    if (!settings.perMessageMdc()) {
      return Behaviors.intercept(StrategyMdc::clearAfterEachMessage, supervised);
    }
    return Behaviors.withMdc(
        StrategyMessage.class,
        Map.of(FailureAggregator.STRATEGY_ID, Integer.toString(strategyId)),
        SupervisedStrategy::traceMdc,
        supervised);
  }

  /** The per-message MDC: the event's trace id, or nothing for control messages. */
  private static Map<String, String> traceMdc(StrategyMessage msg) {
    if (msg instanceof Event event) {
      return Map.of(FailureAggregator.TRACE_ID, TraceIds.format(event.traceId()));
    }
    return Map.of();
  }
}
