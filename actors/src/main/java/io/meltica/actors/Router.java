package io.meltica.actors;

import io.meltica.pool.EventPool;
import io.meltica.pool.RecycleReason;
import io.meltica.pool.Recycler;
import io.meltica.protocol.ControlAck;
import io.meltica.protocol.Event;
import io.meltica.protocol.EventBatch;
import io.meltica.protocol.MinVersionConfirmed;
import io.meltica.protocol.RouterMessage;
import io.meltica.protocol.StrategyMessage;
import io.meltica.protocol.Subscribe;
import io.meltica.protocol.Unsubscribe;
import io.meltica.protocol.UpdateMinVersion;
import io.meltica.supervision.EnvelopeCustody;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.PostStop;
import org.apache.pekko.actor.typed.Terminated;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;

/**
 * The dispatcher: fans each stamped event out to the strategies subscribed to its instrument (or to
 * every instrument), or to its target strategy only.
 *
 * <p>For N recipients: N = 0 recycles the event at once; N = 1 passes the original on and acquires
 * nothing; N &gt; 1 either {@link io.meltica.protocol.PooledEnvelope#share shares} the original
 * among the N, read-only, each releasing it once ({@link FanOutMode#SHARED}, the default), or makes
 * N-1 pooled duplicates and passes the original on last ({@link FanOutMode#COPY}). The router
 * handles events one at a time in arrival order, so every strategy sees each instrument's events in
 * order.
 *
 * <p><b>Batches.</b> What a strategy is to receive goes into that strategy's {@link EventBatch},
 * not straight into a message: the router sends a batch when it is full, or when the router's
 * mailbox has run dry. For the latter it sends itself a {@link Flush} with the first event of a
 * burst; the flush arrives after everything already queued, so a busy router sends one message per
 * strategy per burst (up to the batch size) and an idle one still sends each event at once. Batches
 * are reused ({@link BatchPool}). Everything else the router does (subscriptions, flips, a strategy
 * stopping, its own stop) sends the waiting batches first, so nothing overtakes an event.
 *
 * <p><b>One order</b>: everything the pipeline hands the router comes through its {@link Ingress}
 * (one per router), taken in bursts on {@link Drain}: events published through the pipeline that
 * need no merge, which the router stamps with its routing version; the orchestrator's batches
 * (merged quotes, data-bus events, control results), stamped there; subscriptions; and flip
 * markers. A subscription made before an event was published is therefore in force when that event
 * is routed. The same messages told to the router directly are handled the same way.
 *
 * <p><b>Routing flips</b> arrive in the ingress as a {@link Flip} marker, after everything the
 * flipping thread published before: the router sends what it holds, raises its version (by one, or
 * to the version the marker names), sends {@link UpdateMinVersion} to every strategy, and (router
 * 0) a CONTROL_ACK event to every strategy; it answers the orchestrator with {@link
 * Orchestrator.FlipApplied} once each strategy has confirmed (or stopped). A strategy that
 * subscribes later is brought to the current minimum first. Every router sees the same markers in
 * the same order, so all reach the same version.
 *
 * <p>Subscriptions are kept as one array of recipients per instrument, rebuilt on each (rare)
 * change, so a fan-out walks an array and allocates nothing but the pooled duplicates.
 *
 * <p>Failures: the router takes custody of each event ({@link EnvelopeCustody}); if routing one
 * throws before the original leaves, the original is recycled (PIPELINE_FAILURE), the failure
 * logged with its trace id and counted, and the router goes on. Copies already sent are their
 * recipients'.
 */
public final class Router extends AbstractBehavior<RouterMessage> {

  /** The router's own messages (events, subscriptions and confirmations come from protocol). */
  public sealed interface Command extends RouterMessage permits Flip, AdoptVersion, Flush, Drain {}

  /**
   * Ingress marker: move to the next routing version (or to {@code version}, if it is not {@link
   * #NEXT}), raise every strategy's minimum to it, then tell {@code appliedTo}.
   *
   * @param version {@link #NEXT}, or the version agreed beforehand (a cluster's two-phase flip):
   *     the router stamps it, or the newer one it stamps already, and raises the minimum to it
   */
  public record Flip(long requestId, ActorRef<Orchestrator.FlipApplied> appliedTo, long version)
      implements Command {
    /** Not a version: the flip moves to the router's version plus one. */
    public static final long NEXT = 0;

    /** A flip to the next version. */
    public Flip(long requestId, ActorRef<Orchestrator.FlipApplied> appliedTo) {
      this(requestId, appliedTo, NEXT);
    }
  }

  /**
   * Ingress marker: another node flipped to {@code version}, or is about to; stamp it from now on,
   * if newer. {@code taken} runs once the router took the marker.
   */
  public record AdoptVersion(long version, Runnable taken) implements Command {
    public AdoptVersion {
      Objects.requireNonNull(taken, "taken");
    }

    public AdoptVersion(long version) {
      this(version, () -> {});
    }
  }

  /**
   * How a router fans out.
   *
   * @param batchSize most events in one message to one strategy
   * @param mode shared envelopes or copies for several recipients
   * @param partition this router's index; router 0 also emits the control acks
   */
  record Options(int batchSize, FanOutMode mode, int partition) {}

  /** Events are waiting in the router's {@link Ingress}. */
  enum Drain implements Command {
    INSTANCE
  }

  /** Send every waiting batch: the router's mailbox has run dry up to here. */
  enum Flush implements Command {
    INSTANCE
  }

  private static final String OWNER_TAG = "router";
  private static final String SHARED_TAG = "consumers (shared)";

  /** Most ingress events routed per {@link Drain} before other messages get their turn. */
  private static final int DRAIN_BUDGET = 1024;

  private final EventPool pool;
  private final Recycler recycler;
  private final FanOutStats.Sampler fanOut;
  private final RouterMetrics metrics;
  private final EnvelopeCustody custody;
  private final SubscriptionTable table;
  private final OutgoingBatches outgoing;
  private final boolean shared;
  private final Ingress<RouterMessage> ingress;
  private final ControlEvents controlAcks;
  private final Map<Long, PendingFlip> pendingFlips = new HashMap<>();
  private final Consumer<RouterMessage> takeFromIngress = this::takeFromIngress;
  private long routingVersion = 1;
  private long currentMinVersion;

  /**
   * @param ingress where publishers put this router's events; its owner attaches it to the router
   */
  static Behavior<RouterMessage> create(
      PipelineServices services,
      RouterMetrics metrics,
      Options options,
      Ingress<RouterMessage> ingress) {
    return Behaviors.setup(
        ctx -> {
          EnvelopeCustody custody =
              new EnvelopeCustody(
                  OWNER_TAG, services.recycler(), metrics.failureCounter(), ctx.getLog());
          Router router = new Router(ctx, custody, services, metrics, options, ingress);
          return custody.supervise(RouterMessage.class, router);
        });
  }

  private Router(
      ActorContext<RouterMessage> ctx,
      EnvelopeCustody custody,
      PipelineServices services,
      RouterMetrics metrics,
      Options options,
      Ingress<RouterMessage> ingress) {
    super(ctx);
    this.shared = options.mode() == FanOutMode.SHARED;
    this.ingress = ingress;
    this.controlAcks =
        options.partition() == 0
            ? new ControlEvents(services.pool(), OWNER_TAG, System.identityHashCode(this))
            : null;
    this.custody = custody;
    this.pool = services.pool();
    this.recycler = services.recycler();
    this.fanOut = services.fanOut().newSampler();
    this.metrics = metrics;
    this.table = new SubscriptionTable(services.ids().instrumentCount());
    this.outgoing = new OutgoingBatches(options.batchSize());
  }

  @Override
  public Receive<RouterMessage> createReceive() {
    return newReceiveBuilder()
        .onMessage(Event.class, this::onEvent)
        .onMessage(EventBatch.class, this::onBatch)
        .onMessageEquals(Flush.INSTANCE, this::onFlush)
        .onMessageEquals(Drain.INSTANCE, this::onDrain)
        .onMessage(Subscribe.class, this::onSubscribe)
        .onMessage(Unsubscribe.class, this::onUnsubscribe)
        .onMessage(MinVersionConfirmed.class, this::onMinVersionConfirmed)
        .onSignal(Terminated.class, this::onConsumerTerminated)
        .onSignal(PostStop.class, stopped -> onPostStop())
        .build();
  }

  /**
   * Stamps and routes what publishers put into the {@link Ingress}, up to {@link #DRAIN_BUDGET}
   * events, then lets other messages in before the rest.
   */
  private Behavior<RouterMessage> onDrain() {
    ingress.drain(DRAIN_BUDGET, takeFromIngress);
    return Behaviors.same();
  }

  private void takeFromIngress(RouterMessage next) {
    if (next instanceof Event event) {
      routeInCustody(event.setRoutingVersion(routingVersion));
    } else if (next instanceof EventBatch batch) {
      onBatch(batch); // the orchestrator's, stamped there
    } else if (next instanceof Flip flip) {
      onFlip(flip);
    } else if (next instanceof AdoptVersion adopt) {
      routingVersion = Math.max(routingVersion, adopt.version());
      // what was routed before the marker leaves first: MelticaPipeline.handedOn() relies on it
      outgoing.flush();
      adopt.taken().run();
    } else if (next instanceof Subscribe subscribe) {
      onSubscribe(subscribe);
    } else {
      onUnsubscribe((Unsubscribe) next);
    }
  }

  /** One event of a burst: a failure recycles it and the burst goes on with the next. */
  private void routeInCustody(Event event) {
    try {
      route(event);
    } catch (RuntimeException | Error failure) {
      custody.recover(failure); // rethrows only a fatal error
    }
  }

  private Behavior<RouterMessage> onEvent(Event event) {
    route(event);
    return Behaviors.same();
  }

  /** The orchestrator's batch: each event routed as if it had come alone, one failure costs one. */
  private Behavior<RouterMessage> onBatch(EventBatch batch) {
    int next = 0;
    try {
      while (next < batch.size()) {
        int index = next++;
        if (!BatchRemainder.isHeld(batch, index)) {
          BatchRemainder.refuse(batch, index);
          continue;
        }
        routeInCustody(batch.event(index));
      }
    } finally {
      BatchRemainder.recycleFrom(batch, next, RecycleReason.PIPELINE_FAILURE);
      batch.release();
    }
    return Behaviors.same();
  }

  private void route(Event event) {
    long generation = custody.take(event);
    int target = event.targetStrategyId();
    SubscriptionTable.Recipient[] recipients =
        target == Event.NO_TARGET ? table.recipientsOf(event.instrumentId()) : table.only(target);
    int n = recipients.length;
    if (n == 0) {
      metrics.onUnrouted();
      custody.handOff();
      recycler.recycle(event, generation, RecycleReason.ZERO_SUBSCRIBERS);
      return;
    }
    long now = System.nanoTime();
    event.setDispatch(now, fanOut.begin(n, now));
    if (shared && n > 1 && n <= Event.MAX_HOLDERS) {
      metrics.onFanOut(n, 0);
      event.touch(SHARED_TAG);
      event.share(generation, n);
      custody.handOff();
      for (SubscriptionTable.Recipient recipient : recipients) {
        append(recipient, event, generation);
      }
      return;
    }
    metrics.onFanOut(n, n - 1);
    for (int i = 1; i < n; i++) {
      Event copy = pool.acquire(OWNER_TAG);
      long copyGeneration = copy.generation();
      event.copyInto(copy);
      copy.touch(recipients[i].ownerTag());
      append(recipients[i], copy, copyGeneration);
    }
    event.touch(recipients[0].ownerTag());
    custody.handOff();
    append(recipients[0], event, generation); // the original goes last, and nothing follows it
  }

  private void append(SubscriptionTable.Recipient recipient, Event event, long generation) {
    if (outgoing.append(recipient.lane(), event, generation)) {
      getContext().getSelf().tell(Flush.INSTANCE);
    }
  }

  private Behavior<RouterMessage> onFlush() {
    outgoing.flush();
    return Behaviors.same();
  }

  private Behavior<RouterMessage> onSubscribe(Subscribe subscribe) {
    onFlush();
    if (table.add(subscribe)) {
      getContext().watch(subscribe.consumer());
      if (currentMinVersion > 0) {
        subscribe.consumer().tell(new UpdateMinVersion(currentMinVersion, 0, confirmTo()));
      }
    }
    return Behaviors.same();
  }

  private Behavior<RouterMessage> onUnsubscribe(Unsubscribe unsubscribe) {
    onFlush();
    ActorRef<StrategyMessage> removed = table.remove(unsubscribe);
    if (removed != null) {
      getContext().unwatch(removed);
      forgetInPendingFlips(unsubscribe.strategyId());
    }
    return Behaviors.same();
  }

  /**
   * What was stamped before the flip goes out first; then every strategy's minimum is raised and
   * (router 0) the CONTROL_ACK follows, sent at once.
   */
  private void onFlip(Flip flip) {
    onFlush();
    long version = flip.version() == Flip.NEXT ? ++routingVersion : flip.version();
    routingVersion = Math.max(routingVersion, version);
    currentMinVersion = Math.max(currentMinVersion, version);
    Set<Integer> waiting = new HashSet<>();
    for (SubscriptionTable.Recipient consumer : table.everyone()) {
      waiting.add(consumer.strategyId());
      consumer.ref().tell(new UpdateMinVersion(version, flip.requestId(), confirmTo()));
    }
    metrics.onMinVersionBroadcast(version, System.nanoTime());
    pendingFlips.put(flip.requestId(), new PendingFlip(flip, version, waiting));
    if (controlAcks != null) {
      routeInCustody(new ControlAck(flip.requestId(), version).writeTo(controlAcks.next()));
      onFlush();
    }
    completeFlipsWithNobodyLeft();
  }

  private Behavior<RouterMessage> onMinVersionConfirmed(MinVersionConfirmed confirmed) {
    PendingFlip flip = pendingFlips.get(confirmed.requestId());
    if (flip != null && confirmed.minVersion() >= flip.version) {
      flip.waiting.remove(confirmed.strategyId());
      completeFlipsWithNobodyLeft();
    }
    return Behaviors.same();
  }

  private Behavior<RouterMessage> onConsumerTerminated(Terminated terminated) {
    onFlush();
    int strategyId = table.removeRef(terminated.getRef());
    if (strategyId != 0) {
      forgetInPendingFlips(strategyId);
    }
    return Behaviors.same();
  }

  private void forgetInPendingFlips(int strategyId) {
    for (PendingFlip flip : pendingFlips.values()) {
      flip.waiting.remove(strategyId);
    }
    completeFlipsWithNobodyLeft();
  }

  private void completeFlipsWithNobodyLeft() {
    pendingFlips
        .values()
        .removeIf(
            flip -> {
              if (!flip.waiting.isEmpty()) {
                return false;
              }
              Flip request = flip.request;
              request
                  .appliedTo()
                  .tell(new Orchestrator.FlipApplied(request.requestId(), flip.version));
              return true;
            });
  }

  private ActorRef<MinVersionConfirmed> confirmTo() {
    return getContext().getSelf().narrow();
  }

  private Behavior<RouterMessage> onPostStop() {
    onFlush(); // the strategies stop after this actor: what was routed still goes out
    ingress.recycleAll(RecycleReason.DEAD_LETTER); // its mailbox, in effect: dead letters
    return Behaviors.same();
  }

  private record PendingFlip(Flip request, long version, Set<Integer> waiting) {}
}
