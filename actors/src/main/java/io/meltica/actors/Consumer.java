package io.meltica.actors;

import io.meltica.actors.mailbox.StrategyMailboxes;
import io.meltica.protocol.ConsumerMessage;
import io.meltica.protocol.Event;
import io.meltica.protocol.EventKind;
import io.meltica.protocol.IdRegistry;
import io.meltica.protocol.MinVersionConfirmed;
import io.meltica.protocol.UpdateMinVersion;
import io.meltica.supervision.ConsumerMdc;
import io.meltica.supervision.DeliveryOutcome;
import io.meltica.supervision.SupervisedConsumer;
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
 * strategy's counters. The envelope is recycled by the {@link SupervisedConsumer} wrapping, not
 * here.
 *
 * <p>Protocol: {@link ConsumerMessage} from the protocol module, that is the pooled {@link Event}
 * itself (never wrapped, so a delivery allocates nothing), batches of them ({@link
 * io.meltica.protocol.EventBatch}, unpacked by {@link BatchDelivery}) and {@link UpdateMinVersion},
 * a Pekko control message that overtakes queued market data in the control-aware mailbox. The
 * consumer has no private messages.
 *
 * <p>Handlers return {@code Behaviors.same()}, not {@code this}: a behaviour wrapped in
 * interceptors (supervision, the recycle hook) that returns a new-looking behaviour is wrapped
 * afresh by Pekko on every message, which cost four objects per delivery.
 *
 * <p>The minimum accepted version, the delivery outcome and the metrics are created in {@link
 * #create} outside the supervised behaviour, so they survive a restart; the handler is made afresh
 * by the spec's supplier on every (re)start.
 */
public final class Consumer extends AbstractBehavior<ConsumerMessage> implements ConsumerContext {
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
  private static final boolean CPU_TIME = THREADS.isCurrentThreadCpuTimeSupported();

  private final int consumerId;
  private final String name;
  private final IdRegistry ids;
  private final FanOutStats fanOut;
  private final FanOutStats.LatencySampler timing;
  private final ConsumerMetrics metrics;
  private final DeliveryOutcome outcome;
  private final AtomicLong minVersion;
  private final EventHandler handler;
  private final String consumerIdText;
  private long currentTraceId;

  /**
   * The consumer behaviour wrapped in MDC, supervision and the recycle-after-handle hook, behind
   * {@link BatchDelivery}, which hands it the router's batches one event at a time. Spawn it with
   * the consumer dispatcher and control-aware mailbox of the settings.
   */
  static Behavior<ConsumerMessage> create(
      int consumerId, StrategySpec strategy, PipelineServices services, ConsumerMetrics metrics) {
    if (consumerId <= 0) {
      throw new IllegalArgumentException("consumerId must be > 0, got " + consumerId);
    }
    DeliveryOutcome outcome = new DeliveryOutcome();
    AtomicLong minVersion = new AtomicLong();
    Behavior<ConsumerMessage> consumer =
        Behaviors.setup(
            ctx -> new Consumer(ctx, consumerId, strategy, services, metrics, outcome, minVersion));
    return BatchDelivery.around(
        SupervisedConsumer.wrap(
            consumerId,
            consumer,
            outcome,
            services.recycler(),
            services.failures(),
            services.supervision()));
  }

  private Consumer(
      ActorContext<ConsumerMessage> ctx,
      int consumerId,
      StrategySpec strategy,
      PipelineServices services,
      ConsumerMetrics metrics,
      DeliveryOutcome outcome,
      AtomicLong minVersion) {
    super(ctx);
    this.consumerId = consumerId;
    this.name = strategy.name();
    this.ids = services.ids();
    this.fanOut = services.fanOut();
    this.timing = fanOut.newLatencySampler();
    this.metrics = metrics;
    this.outcome = outcome;
    this.minVersion = minVersion;
    this.handler = strategy.handlers().get();
    this.consumerIdText = Integer.toString(consumerId);
    metrics.attachMailbox(StrategyMailboxes.get(ctx.getSystem()).dropsOf(ctx.getSelf()));
  }

  @Override
  public Receive<ConsumerMessage> createReceive() {
    return newReceiveBuilder()
        .onMessage(Event.class, this::onEvent)
        .onMessage(UpdateMinVersion.class, this::onUpdateMinVersion)
        .build();
  }

  private Behavior<ConsumerMessage> onEvent(Event event) throws Exception {
    long start = System.nanoTime();
    EventKind kind = event.kind();
    if (!Gate.shouldProcess(kind, event.routingVersion(), minVersion.get())) {
      outcome.markFiltered();
      metrics.onFiltered();
      return Behaviors.same();
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
    return Behaviors.same();
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

  private Behavior<ConsumerMessage> onUpdateMinVersion(UpdateMinVersion update) {
    if (update.minVersion() > minVersion.get()) {
      minVersion.set(update.minVersion());
    }
    update
        .confirmTo()
        .tell(new MinVersionConfirmed(consumerId, minVersion.get(), update.requestId()));
    return Behaviors.same();
  }

  /** This thread's CPU time where the JVM measures it, wall time otherwise. */
  private static long cpuNow(long wallNanos) {
    return CPU_TIME ? THREADS.getCurrentThreadCpuTime() : wallNanos;
  }

  @Override
  public int consumerId() {
    return consumerId;
  }

  @Override
  public String consumerName() {
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

  /** Puts this strategy's consumer_id and the event's trace_id in the MDC for the message. */
  @Override
  public Logger log() {
    ConsumerMdc.put(consumerIdText, currentTraceId);
    return getContext().getLog();
  }

  @Override
  public ActorContext<ConsumerMessage> actorContext() {
    return getContext();
  }
}
