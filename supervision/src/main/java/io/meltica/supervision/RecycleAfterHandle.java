package io.meltica.supervision;

import io.meltica.pool.Recycler;
import io.meltica.protocol.Event;
import io.meltica.protocol.EventKind;
import io.meltica.protocol.StrategyMessage;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.BehaviorInterceptor;
import org.apache.pekko.actor.typed.TypedActorContext;

/**
 * The strategy's post-handle hook: whatever the behaviour inside did with an {@link Event} (handled
 * it, filtered it, or threw), the {@code finally} hands the envelope to the {@link Recycler},
 * exactly once, with the generation it had when the message arrived (so that an envelope someone
 * else released and the pool handed out again in the meantime is refused, not freed). A failure is
 * also reported to the failure aggregator, with the event's trace id and kind read before the
 * handler ran.
 *
 * <p>It sits inside {@code supervise(...)}, so the envelope is back in the pool before the
 * supervisor resumes or restarts the strategy and logs. A handler's {@link Error} is rethrown as a
 * {@link HandlerError}, so that the supervisor, which handles exceptions, recovers the strategy
 * like after any exception; only {@link FatalErrors fatal errors} escalate as they are. A release
 * that fails (the handler released the envelope itself, a misuse) is reported like any other
 * failure and rethrown.
 *
 * <p>The same guarantees hold for an event handed to the strategy {@link #handleDirectly directly},
 * past the behaviours around it: the failure then comes back as a {@link FailedDirectly} message,
 * which the caller hands to the wrapped behaviour at once and which this hook throws inside the
 * supervisor, so that the supervisor acts on it exactly as on a failure of its own.
 *
 * <p>One instance per strategy actor, used only on that actor's messages. Allocates nothing on the
 * success path.
 */
public final class RecycleAfterHandle
    extends BehaviorInterceptor<StrategyMessage, StrategyMessage> {
  private final int strategyId;
  private final String strategyIdText;
  private final DeliveryOutcome outcome;
  private final Recycler recycler;
  private final ActorRef<FailureAggregator.Command> failures;

  /** A strategy's handling of one event, called with this hook's guarantees around it. */
  @FunctionalInterface
  public interface DirectHandler {
    void handle(Event event) throws Exception;
  }

  /**
   * The failure of an event handled {@linkplain #handleDirectly directly}, already reported and its
   * envelope recycled; the hook throws it inside the supervisor. Never sent: handed to the wrapped
   * behaviour by the strategy's own outermost layer, in the same message.
   */
  public record FailedDirectly(Throwable failure) implements StrategyMessage {}

  public RecycleAfterHandle(
      int strategyId,
      DeliveryOutcome outcome,
      Recycler recycler,
      ActorRef<FailureAggregator.Command> failures) {
    super(StrategyMessage.class);
    this.strategyId = strategyId;
    this.strategyIdText = Integer.toString(strategyId);
    this.outcome = outcome;
    this.recycler = recycler;
    this.failures = failures;
  }

  @Override
  public Behavior<StrategyMessage> aroundReceive(
      TypedActorContext<StrategyMessage> ctx,
      StrategyMessage msg,
      ReceiveTarget<StrategyMessage> target) {
    if (msg instanceof FailedDirectly failed) {
      throw RecycleAfterHandle.<RuntimeException>sneaky(failed.failure());
    }
    if (!(msg instanceof Event event)) {
      return target.apply(ctx, msg);
    }
    long generation = event.generation();
    long traceId = event.traceId();
    EventKind kind = event.kind();
    outcome.begin();
    Throwable failure = null;
    try {
      return target.apply(ctx, msg);
    } catch (Throwable t) { // also a checked exception a Java handler threw through Scala code
      failure = t;
      throw RecycleAfterHandle.<RuntimeException>sneaky(failed(traceId, kind, t));
    } finally {
      recycle(event, generation, traceId, kind, failure);
    }
  }

  /**
   * Hands {@code event} to {@code handler} with the guarantees of this hook: recycled exactly once
   * with its generation on arrival, a failure reported and the MDC set for the supervisor's line.
   *
   * @return null if the handler returned and the envelope went back; otherwise the failure to hand
   *     the wrapped behaviour at once, before anything else
   */
  public FailedDirectly handleDirectly(Event event, DirectHandler handler) {
    long generation = event.generation();
    long traceId = event.traceId();
    EventKind kind = event.kind();
    outcome.begin();
    Throwable failure = null;
    Throwable thrown = null;
    try {
      handler.handle(event);
    } catch (Throwable t) {
      failure = t;
      thrown = failed(traceId, kind, t);
    }
    try {
      recycle(event, generation, traceId, kind, failure);
    } catch (RuntimeException misuse) {
      thrown = misuse;
    }
    return thrown == null ? null : new FailedDirectly(thrown);
  }

  /** Reports {@code t}, sets the MDC, and returns what the supervisor is to see. */
  private Throwable failed(long traceId, EventKind kind, Throwable t) {
    report(traceId, kind, t);
    StrategyMdc.put(strategyIdText, traceId); // for the supervisor's line (lazy MDC)
    if (t instanceof Error error && !FatalErrors.isFatal(error)) {
      return new HandlerError(error);
    }
    return t;
  }

  /**
   * Recycles {@code event}; a refused release is reported and thrown unless the handler's own
   * {@code failure} is already on its way, to which it is added as suppressed.
   */
  private void recycle(
      Event event, long generation, long traceId, EventKind kind, Throwable failure) {
    try {
      recycler.recycle(event, generation, outcome.reason());
    } catch (RuntimeException misuse) {
      if (failure == null) {
        report(traceId, kind, misuse);
        StrategyMdc.put(strategyIdText, traceId);
        throw misuse;
      }
      failure.addSuppressed(misuse); // the handler's own failure stays the one thrown
    }
  }

  private void report(long traceId, EventKind kind, Throwable failure) {
    failures.tell(new FailureAggregator.ReportFailure(traceId, strategyId, kind, failure));
  }

  /** Throws {@code t} as it is, checked or not, where the signature declares nothing. */
  @SuppressWarnings("unchecked")
  private static <T extends Throwable> RuntimeException sneaky(Throwable t) throws T {
    throw (T) t;
  }
}
