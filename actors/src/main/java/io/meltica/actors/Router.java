package io.meltica.actors;

import io.meltica.pool.EventPool;
import io.meltica.pool.RecycleReason;
import io.meltica.pool.Recycler;
import io.meltica.protocol.ConsumerMessage;
import io.meltica.protocol.Event;
import io.meltica.protocol.MinVersionConfirmed;
import io.meltica.protocol.RouterMessage;
import io.meltica.protocol.Subscribe;
import io.meltica.protocol.Unsubscribe;
import io.meltica.protocol.UpdateMinVersion;
import io.meltica.supervision.EnvelopeCustody;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.Terminated;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;

/**
 * The dispatcher: fans each stamped event out to the consumers subscribed to its instrument (or to
 * every instrument), or to its target consumer only.
 *
 * <p>For N recipients: N = 0 recycles the event at once; N = 1 sends the original and acquires
 * nothing; N &gt; 1 sends N-1 pooled duplicates, then the original last (after a send the router no
 * longer owns an envelope, so every copy is made before the original leaves). The router handles
 * events one at a time in arrival order, so every consumer sees each instrument's events in order.
 *
 * <p>Routing flips: on {@link BroadcastMinVersion} it sends {@link UpdateMinVersion} to every
 * consumer and answers the orchestrator once each has confirmed (or stopped). A consumer that
 * subscribes later is brought to the current minimum first.
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
  public sealed interface Command extends RouterMessage permits BroadcastMinVersion {}

  /** Raise every consumer's minimum accepted version, then answer {@code replyTo}. */
  public record BroadcastMinVersion(
      long minVersion, long requestId, ActorRef<Orchestrator.FlipApplied> replyTo)
      implements Command {}

  private static final String OWNER_TAG = "router";

  private final EventPool pool;
  private final Recycler recycler;
  private final FanOutStats fanOut;
  private final RouterMetrics metrics;
  private final EnvelopeCustody custody;
  private final SubscriptionTable table;
  private final Map<Long, PendingFlip> pendingFlips = new HashMap<>();
  private long currentMinVersion;

  static Behavior<RouterMessage> create(PipelineServices services, RouterMetrics metrics) {
    return Behaviors.setup(
        ctx -> {
          EnvelopeCustody custody =
              new EnvelopeCustody(
                  OWNER_TAG, services.recycler(), metrics.failureCounter(), ctx.getLog());
          return custody.supervise(
              RouterMessage.class, new Router(ctx, custody, services, metrics));
        });
  }

  private Router(
      ActorContext<RouterMessage> ctx,
      EnvelopeCustody custody,
      PipelineServices services,
      RouterMetrics metrics) {
    super(ctx);
    this.custody = custody;
    this.pool = services.pool();
    this.recycler = services.recycler();
    this.fanOut = services.fanOut();
    this.metrics = metrics;
    this.table = new SubscriptionTable(services.ids().instrumentCount());
  }

  @Override
  public Receive<RouterMessage> createReceive() {
    return newReceiveBuilder()
        .onMessage(Event.class, this::onEvent)
        .onMessage(Subscribe.class, this::onSubscribe)
        .onMessage(Unsubscribe.class, this::onUnsubscribe)
        .onMessage(BroadcastMinVersion.class, this::onBroadcastMinVersion)
        .onMessage(MinVersionConfirmed.class, this::onMinVersionConfirmed)
        .onSignal(Terminated.class, this::onConsumerTerminated)
        .build();
  }

  private Behavior<RouterMessage> onEvent(Event event) {
    long generation = custody.take(event);
    int target = event.targetConsumerId();
    SubscriptionTable.Recipient[] recipients =
        target == Event.NO_TARGET ? table.recipientsOf(event.instrumentId()) : table.only(target);
    int n = recipients.length;
    if (n == 0) {
      metrics.onUnrouted();
      custody.handOff();
      recycler.recycle(event, generation, RecycleReason.ZERO_SUBSCRIBERS);
      return Behaviors.same();
    }
    long now = System.nanoTime();
    event.setDispatch(now, fanOut.begin(n, now));
    for (int i = 1; i < n; i++) {
      Event copy = pool.acquire(OWNER_TAG);
      event.copyInto(copy);
      copy.touch(recipients[i].ownerTag());
      recipients[i].ref().tell(copy);
    }
    metrics.onFanOut(n);
    event.touch(recipients[0].ownerTag());
    custody.handOff();
    recipients[0].ref().tell(event); // the original leaves last, and nothing follows it
    return Behaviors.same();
  }

  private Behavior<RouterMessage> onSubscribe(Subscribe subscribe) {
    if (table.add(subscribe)) {
      getContext().watch(subscribe.consumer());
      if (currentMinVersion > 0) {
        subscribe.consumer().tell(new UpdateMinVersion(currentMinVersion, 0, confirmTo()));
      }
    }
    return Behaviors.same();
  }

  private Behavior<RouterMessage> onUnsubscribe(Unsubscribe unsubscribe) {
    ActorRef<ConsumerMessage> removed = table.remove(unsubscribe);
    if (removed != null) {
      getContext().unwatch(removed);
      forgetInPendingFlips(unsubscribe.consumerId());
    }
    return Behaviors.same();
  }

  private Behavior<RouterMessage> onBroadcastMinVersion(BroadcastMinVersion flip) {
    currentMinVersion = Math.max(currentMinVersion, flip.minVersion());
    Set<Integer> waiting = new HashSet<>();
    for (SubscriptionTable.Recipient consumer : table.everyone()) {
      waiting.add(consumer.consumerId());
      consumer.ref().tell(new UpdateMinVersion(flip.minVersion(), flip.requestId(), confirmTo()));
    }
    metrics.onMinVersionBroadcast(flip.minVersion(), System.nanoTime());
    pendingFlips.put(flip.requestId(), new PendingFlip(flip, waiting));
    completeFlipsWithNobodyLeft();
    return Behaviors.same();
  }

  private Behavior<RouterMessage> onMinVersionConfirmed(MinVersionConfirmed confirmed) {
    PendingFlip flip = pendingFlips.get(confirmed.requestId());
    if (flip != null && confirmed.minVersion() >= flip.request.minVersion()) {
      flip.waiting.remove(confirmed.consumerId());
      completeFlipsWithNobodyLeft();
    }
    return Behaviors.same();
  }

  private Behavior<RouterMessage> onConsumerTerminated(Terminated terminated) {
    int consumerId = table.removeRef(terminated.getRef());
    if (consumerId != 0) {
      forgetInPendingFlips(consumerId);
    }
    return Behaviors.same();
  }

  private void forgetInPendingFlips(int consumerId) {
    for (PendingFlip flip : pendingFlips.values()) {
      flip.waiting.remove(consumerId);
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
              BroadcastMinVersion request = flip.request;
              request
                  .replyTo()
                  .tell(new Orchestrator.FlipApplied(request.requestId(), request.minVersion()));
              return true;
            });
  }

  private ActorRef<MinVersionConfirmed> confirmTo() {
    return getContext().getSelf().narrow();
  }

  private record PendingFlip(BroadcastMinVersion request, Set<Integer> waiting) {}
}
