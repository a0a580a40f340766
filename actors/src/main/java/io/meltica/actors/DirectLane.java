package io.meltica.actors;

import io.meltica.protocol.Event;
import io.meltica.protocol.StrategyMessage;
import io.meltica.supervision.RecycleAfterHandle;
import io.meltica.supervision.StrategyMdc;

/**
 * The way past a strategy's behaviour stack: {@link BatchDelivery} hands a batch's events straight
 * to the strategy instance that handled the last event, instead of through the MDC, supervisor and
 * recycle-hook behaviours one message at a time. Each event keeps every guarantee of the stack
 * ({@link RecycleAfterHandle#handleDirectly}): recycled exactly once after its handler, a failure
 * reported, and the failure handed to the stack at once, so that the supervisor resumes or restarts
 * the strategy before the batch's next event, as it would have.
 *
 * <p>The lane is open only while that is sure to reach the live instance: a strategy instance opens
 * it after the stack handed it an event and its handler returned (so the supervisor is not in the
 * middle of anything and this instance is the one it keeps). {@link BatchDelivery} closes it before
 * it hands the stack anything, a message or a signal, since whatever the stack does may end in a
 * restart (a handler that throws, a watched actor's unhandled {@code Terminated}); a failure here
 * closes it too. After a resume or a restart, the next event goes through the stack and opens the
 * lane again. With the per-message MDC it never opens ({@code Behaviors.withMdc} has to see every
 * message).
 *
 * <p>Created with the strategy, outside its supervised behaviour, so that it survives restarts.
 * Confined to the strategy actor: used only while it handles a message.
 */
final class DirectLane {
  private final RecycleAfterHandle hook;
  private final boolean allowed;
  private RecycleAfterHandle.DirectHandler strategy;

  DirectLane(RecycleAfterHandle hook, boolean allowed) {
    this.hook = hook;
    this.allowed = allowed;
  }

  boolean isOpen() {
    return strategy != null;
  }

  /** {@code handler}'s instance just handled an event the stack handed it: it is the live one. */
  void openTo(RecycleAfterHandle.DirectHandler handler) {
    if (allowed) {
      strategy = handler;
    }
  }

  void close() {
    strategy = null;
  }

  /**
   * Handles {@code event} on the open lane.
   *
   * @return null, or the failure to hand the strategy's behaviour stack before anything else (the
   *     lane is then closed, and the MDC is left set for the supervisor's line)
   */
  StrategyMessage handle(Event event) {
    RecycleAfterHandle.FailedDirectly failed = hook.handleDirectly(event, strategy);
    if (failed != null) {
      strategy = null;
      return failed;
    }
    StrategyMdc.clear(); // what the stack's outermost layer does after each message
    return null;
  }
}
