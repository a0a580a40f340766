package io.meltica.supervision;

import io.meltica.pool.RecycleReason;
import io.meltica.pool.Recycler;
import io.meltica.protocol.Event;
import io.meltica.protocol.TraceIds;
import java.util.concurrent.atomic.LongAdder;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.BehaviorInterceptor;
import org.apache.pekko.actor.typed.TypedActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.slf4j.Logger;
import org.slf4j.MDC;

/**
 * The envelope a pipeline actor (the orchestrator, the router) answers for while it handles one
 * message, and what happens when handling it fails.
 *
 * <p>The actor {@link #take}s each envelope it receives (remembering the generation it arrived
 * with) and calls {@link #handOff()} just before the envelope leaves it: sent on, put into a merge
 * window, recycled. If handling throws, the interceptor of {@link #supervise} calls {@link
 * #recover}: the envelope still held is recycled ({@link RecycleReason#PIPELINE_FAILURE}, with the
 * generation it arrived with, so an envelope that already left is never touched), the failure is
 * counted and logged at ERROR with the event's {@code trace_id} in the MDC, and the actor goes on
 * with its next message. An actor that handles several envelopes in one message (a data-bus batch)
 * takes and recovers each one itself. Only {@link FatalErrors fatal errors} escalate.
 *
 * <p>Confined to the one actor it belongs to: used only while that actor handles a message.
 */
public final class EnvelopeCustody {
  private final String actor;
  private final Recycler recycler;
  private final LongAdder failures;
  private final Logger log;
  private Event held;
  private long heldGeneration;

  /**
   * @param actor names the actor in the log line
   * @param failures counted once per recovered failure
   * @param log the actor's logger
   */
  public EnvelopeCustody(String actor, Recycler recycler, LongAdder failures, Logger log) {
    this.actor = actor;
    this.recycler = recycler;
    this.failures = failures;
    this.log = log;
  }

  /**
   * The actor now answers for {@code event}.
   *
   * @return the generation it arrived with: the one to release it with
   */
  public long take(Event event) {
    held = event;
    heldGeneration = event.generation();
    return heldGeneration;
  }

  /** The envelope left the actor (sent, merged or recycled): a failure from here on is not its. */
  public void handOff() {
    held = null;
  }

  /**
   * Handling the current envelope failed: recycles it if it is still held, counts and logs the
   * failure. The actor then goes on.
   *
   * @throws VirtualMachineError rethrown if {@code failure} is {@link FatalErrors fatal}, after the
   *     envelope is recycled
   */
  public void recover(Throwable failure) {
    Event event = held;
    held = null;
    long traceId = TraceIds.NONE;
    if (event != null && event.isLiveAt(heldGeneration)) {
      try {
        traceId = event.traceId();
        recycler.recycle(event, heldGeneration, RecycleReason.PIPELINE_FAILURE);
      } catch (RuntimeException refused) {
        failure.addSuppressed(refused);
      }
    }
    if (FatalErrors.isFatal(failure)) {
      throw (VirtualMachineError) failure;
    }
    failures.increment();
    MDC.put(FailureAggregator.TRACE_ID, TraceIds.format(traceId));
    try {
      log.error(
          "{} failed on a message and goes on; its envelope was recycled as pipeline_failure",
          actor,
          failure);
    } finally {
      MDC.remove(FailureAggregator.TRACE_ID);
    }
  }

  /**
   * {@code behavior} recovering from every failure through this custody: the actor resumes with its
   * next message.
   */
  public <T> Behavior<T> supervise(Class<T> messageType, Behavior<T> behavior) {
    return Behaviors.intercept(() -> new Supervising<>(messageType), behavior);
  }

  private final class Supervising<T> extends BehaviorInterceptor<T, T> {
    Supervising(Class<T> messageType) {
      super(messageType);
    }

    @Override
    public Behavior<T> aroundReceive(TypedActorContext<T> ctx, T msg, ReceiveTarget<T> target) {
      try {
        return target.apply(ctx, msg);
      } catch (Throwable failure) { // also a checked exception a Java handler threw through Scala
        recover(failure);
        return Behaviors.same();
      } finally {
        held = null;
      }
    }
  }
}
