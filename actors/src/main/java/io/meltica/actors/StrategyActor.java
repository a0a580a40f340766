package io.meltica.actors;

import io.meltica.actors.mailbox.StrategyMailboxes;
import io.meltica.protocol.Event;
import io.meltica.protocol.EventKind;
import io.meltica.protocol.IdRegistry;
import io.meltica.protocol.MinVersionConfirmed;
import io.meltica.protocol.StopStrategy;
import io.meltica.protocol.StrategyMessage;
import io.meltica.protocol.UpdateMinVersion;
import io.meltica.supervision.DeliveryOutcome;
import io.meltica.supervision.RecycleAfterHandle;
import io.meltica.supervision.StrategyMdc;
import io.meltica.supervision.SupervisedStrategy;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.slf4j.Logger;

/**
 * A strategy actor: gates each event, hands it to the user's {@link EventHandler}, and keeps the
 * strategy's counters. The envelope is recycled by the {@link SupervisedStrategy} wrapping, not
 * here, or with the same guarantees by the {@link DirectLane} through which {@link BatchDelivery}
 * hands a batch's events to the live instance without the wrapping's per-message cost.
 *
 * <p>Protocol: {@link StrategyMessage} from the protocol module, that is the pooled {@link Event}
 * itself (never wrapped, so a delivery allocates nothing), batches of them ({@link
 * io.meltica.protocol.EventBatch}, unpacked by {@link BatchDelivery}) and {@link UpdateMinVersion},
 * a Pekko control message that overtakes queued market data in the control-aware mailbox. The
 * strategy has no private messages.
 *
 * <p>Handlers return {@code Behaviors.same()}, not {@code this}: a behaviour wrapped in
 * interceptors (supervision, the recycle hook) that returns a new-looking behaviour is wrapped
 * afresh by Pekko on every message, which cost four objects per delivery.
 *
 * <p>The minimum accepted version, the delivery outcome and the metrics are created in {@link
 * #create} outside the supervised behaviour, so they survive a restart; the handler is made afresh
 * by the spec's supplier on every (re)start.
 */
public final class StrategyActor extends AbstractBehavior<StrategyMessage>
    implements StrategyContext {
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
  private static final boolean CPU_TIME = THREADS.isCurrentThreadCpuTimeSupported();

  private final int strategyId;
  private final String name;
  private final IdRegistry ids;
  private final FanOutStats fanOut;
  private final FanOutStats.LatencySampler timing;
  private final StrategyMetrics metrics;
  private final DeliveryOutcome outcome;
  private final AtomicLong minVersion;
  private final DirectLane lane;
  private final RecycleAfterHandle.DirectHandler direct = this::handle;
  private final EventHandler handler;
  private final String strategyIdText;
  private long currentTraceId;

  /**
   * The strategy behaviour wrapped in MDC, supervision and the recycle-after-handle hook, behind
   * {@link BatchDelivery}, which hands it the router's batches one event at a time. Spawn it with
   * the strategy dispatcher and control-aware mailbox of the settings.
   */
  static Behavior<StrategyMessage> create(
      int strategyId, StrategySpec strategy, PipelineServices services, StrategyMetrics metrics) {
    if (strategyId <= 0) {
      throw new IllegalArgumentException("strategyId must be > 0, got " + strategyId);
    }
    DeliveryOutcome outcome = new DeliveryOutcome();
    AtomicLong minVersion = new AtomicLong();
    DirectLane lane =
        new DirectLane(
            new RecycleAfterHandle(strategyId, outcome, services.recycler(), services.failures()),
            !services.supervision().perMessageMdc());
    Behavior<StrategyMessage> consumer =
        Behaviors.setup(
            ctx ->
                new StrategyActor(
                    ctx, strategyId, strategy, services, metrics, outcome, minVersion, lane));
    return BatchDelivery.around(
        SupervisedStrategy.wrap(
            strategyId,
            consumer,
            outcome,
            services.recycler(),
            services.failures(),
            services.supervision()),
        lane);
  }

  private StrategyActor(
      ActorContext<StrategyMessage> ctx,
      int strategyId,
      StrategySpec strategy,
      PipelineServices services,
      StrategyMetrics metrics,
      DeliveryOutcome outcome,
      AtomicLong minVersion,
      DirectLane lane) {
    super(ctx);
    this.strategyId = strategyId;
    this.name = strategy.name();
    this.ids = services.ids();
    this.fanOut = services.fanOut();
    this.timing = fanOut.newLatencySampler();
    this.metrics = metrics;
    this.outcome = outcome;
    this.minVersion = minVersion;
    this.lane = lane;
    this.handler = strategy.handlers().get();
    this.strategyIdText = Integer.toString(strategyId);
    metrics.attachMailbox(StrategyMailboxes.get(ctx.getSystem()).dropsOf(ctx.getSelf()));
  }

  @Override
  public Receive<StrategyMessage> createReceive() {
    return newReceiveBuilder()
        .onMessage(Event.class, this::onEvent)
        .onMessage(UpdateMinVersion.class, this::onUpdateMinVersion)
        .onMessageEquals(StopStrategy.INSTANCE, Behaviors::stopped)
        .build();
  }

  /**
   * An event through the behaviour stack (which closed the direct lane): a handler that returns
   * shows this instance is the live one, and opens the lane to it.
   */
  private Behavior<StrategyMessage> onEvent(Event event) throws Exception {
    handle(event);
    lane.openTo(direct);
    return Behaviors.same();
  }

  /** Gates {@code event}, hands it to the handler and counts it; the caller recycles it. */
  private void handle(Event event) throws Exception {
    long start = System.nanoTime();
    EventKind kind = event.kind();
    if (!Gate.shouldProcess(kind, event.routingVersion(), minVersion.get())) {
      outcome.markFiltered();
      metrics.onFiltered();
      return;
    }
    if (timing.shouldTime(kind)) {
      recordLatencies(event, kind, start);
    }
    currentTraceId = event.traceId();
    long sample = event.fanOutSequence();
    long cpuStart = sample == 0 ? 0 : cpuNow(start);
    metrics.onDelivered(kind.isCritical());
    try {
      handler.onEvent(event, this);
    } catch (Exception | Error e) { // an Error too: the strategy is recovered from it as well
      metrics.onFailure();
      throw e;
    } finally {
      long end = System.nanoTime();
      metrics.onProcessed(end - start);
      if (sample != 0) {
        fanOut.complete(sample, cpuNow(end) - cpuStart, end);
      }
    }
  }

  private void recordLatencies(Event event, EventKind kind, long start) {
    long sentAt = event.dispatchTimeNanos();
    if (sentAt != 0) {
      fanOut.dispatched(start - sentAt);
    }
    long ingestedAt = event.ingestTimeNanos();
    if (ingestedAt != 0) {
      fanOut.published(kind, start - ingestedAt);
    }
  }

  private Behavior<StrategyMessage> onUpdateMinVersion(UpdateMinVersion update) {
    if (update.minVersion() > minVersion.get()) {
      minVersion.set(update.minVersion());
    }
    update
        .confirmTo()
        .tell(new MinVersionConfirmed(strategyId, minVersion.get(), update.requestId()));
    return Behaviors.same();
  }

  /** This thread's CPU time where the JVM measures it, wall time otherwise. */
  private static long cpuNow(long wallNanos) {
    return CPU_TIME ? THREADS.getCurrentThreadCpuTime() : wallNanos;
  }

  @Override
  public int strategyId() {
    return strategyId;
  }

  @Override
  public String strategyName() {
    return name;
  }

  @Override
  public long minAcceptedVersion() {
    return minVersion.get();
  }

  @Override
  public IdRegistry ids() {
    return ids;
  }

  /** Puts its strategy_id and the event's trace_id in the MDC for the message. */
  @Override
  public Logger log() {
    StrategyMdc.put(strategyIdText, currentTraceId);
    return getContext().getLog();
  }

  @Override
  public ActorContext<StrategyMessage> actorContext() {
    return getContext();
  }
}
