package io.meltica.actors;

import io.meltica.actors.mailbox.ControlLane;
import io.meltica.actors.mailbox.StrategyMailboxes;
import io.meltica.pool.RecycleReason;
import io.meltica.protocol.EventBatch;
import io.meltica.protocol.StrategyMessage;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.ExtensibleBehavior;
import org.apache.pekko.actor.typed.Signal;
import org.apache.pekko.actor.typed.TypedActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * The outermost layer of a strategy: hands the wrapped behaviour the events of an {@link
 * EventBatch} one at a time, each as if it had arrived alone. Everything inside (the MDC, the
 * supervisor, the recycle-after-handle hook, the gate and the handler) therefore holds per event: a
 * handler that throws on event 3 of 64 has event 3 recycled and the strategy resumed or restarted
 * by its supervisor, and event 4 goes to the behaviour the supervisor left in place.
 *
 * <p>While the {@link DirectLane} is open it hands the events to the live strategy instance
 * directly, with the same per-event guarantees and a failure handed to the stack at once; the lane
 * saves the stack's per-message interpretation, which was a quarter of a strategy's time.
 *
 * <p>Between two events it hands over any control message that arrived in the strategy's mailbox
 * meanwhile ({@link ControlLane}), so a routing flip overtakes the rest of the batch as it would
 * overtake queued market data. An event whose envelope no longer has the generation the batch
 * received it with (released by someone else meanwhile: a bug there) is refused and counted by its
 * pool, never handed to the handler. If the behaviour stops, or a failure escapes its supervisor,
 * the events not yet handed over are recycled here ({@link RecycleReason#DEAD_LETTER}).
 *
 * <p>Used by the strategy actor's thread only, one message at a time. Allocates nothing per event.
 */
final class BatchDelivery extends ExtensibleBehavior<StrategyMessage> {
  private final ControlLane controls;
  private final DirectLane lane;
  private Behavior<StrategyMessage> inner;

  private BatchDelivery(Behavior<StrategyMessage> started, ControlLane controls, DirectLane lane) {
    this.inner = started;
    this.controls = controls;
    this.lane = lane;
  }

  /**
   * {@code strategy} behind batch delivery, reading control messages from its mailbox and handing
   * events over {@code lane} while it is open.
   */
  static Behavior<StrategyMessage> around(Behavior<StrategyMessage> strategy, DirectLane lane) {
    return Behaviors.setup(
        ctx ->
            new BatchDelivery(
                Behavior.start(strategy, ctx),
                StrategyMailboxes.get(ctx.getSystem()).controlsOf(ctx.getSelf()),
                lane));
  }

  @Override
  public Behavior<StrategyMessage> receive(
      TypedActorContext<StrategyMessage> ctx, StrategyMessage message) {
    if (!(message instanceof EventBatch batch)) {
      return deliver(ctx, message) ? next() : Behaviors.unhandled(); // Pekko reports it
    }
    int next = 0;
    try {
      while (next < batch.size() && Behavior.isAlive(inner)) {
        StrategyMessage control = controls.pollControl();
        if (control != null) {
          deliver(ctx, control);
          continue;
        }
        int index = next++;
        if (!BatchRemainder.isHeld(batch, index)) {
          BatchRemainder.refuse(batch, index);
        } else if (lane.isOpen()) {
          StrategyMessage failed = lane.handle(batch.event(index));
          if (failed != null) {
            deliver(ctx, failed); // the supervisor acts on it before the next event
          }
        } else {
          deliver(ctx, batch.event(index));
        }
      }
    } finally {
      BatchRemainder.recycleFrom(batch, next, RecycleReason.DEAD_LETTER);
      batch.release();
    }
    return next();
  }

  @Override
  public Behavior<StrategyMessage> receiveSignal(
      TypedActorContext<StrategyMessage> ctx, Signal signal) {
    lane.close(); // an unhandled Terminated is a DeathPactException: the supervisor may restart
    inner = Behavior.canonicalize(Behavior.interpretSignal(inner, ctx, signal), inner, ctx);
    return next();
  }

  /**
   * Hands {@code message} to the strategy through its behaviour stack; false if the strategy did
   * not handle it. Closes the direct lane first: whatever the stack does may end in a restart.
   */
  private boolean deliver(TypedActorContext<StrategyMessage> ctx, StrategyMessage message) {
    lane.close();
    Behavior<StrategyMessage> result = Behavior.interpretMessage(inner, ctx, message);
    inner = Behavior.canonicalize(result, inner, ctx);
    return !Behavior.isUnhandled(result);
  }

  /** Same while the strategy lives; its final behaviour once it stopped. */
  private Behavior<StrategyMessage> next() {
    return Behavior.isAlive(inner) ? Behaviors.same() : inner;
  }
}
