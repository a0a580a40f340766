package io.meltica.cluster;

import com.typesafe.config.Config;
import io.meltica.pool.EventPool;
import io.meltica.pool.PoolConfig;
import io.meltica.protocol.EventBatch;
import io.meltica.protocol.IdRegistry;
import java.util.List;
import java.util.Objects;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Extension;
import org.apache.pekko.actor.typed.ExtensionId;
import org.jctools.queues.MpmcArrayQueue;
import org.jctools.queues.MpscArrayQueue;

/**
 * The pool a node reads incoming events into, and the registry their ids are checked against before
 * an envelope is taken. Pekko creates serializers by reflection, with only the ActorSystem in hand;
 * they find the node's pool and registry here. The node's pipeline {@link #use}s its own at start;
 * until then (or in a system without a pipeline) a small pool of its own serves, so that decoding
 * never fails for want of a pool, and the registry of the system's {@code meltica.instruments} and
 * {@code meltica.venues}, the lists the strategies' mailboxes size their conflation tables from (an
 * empty registry if the configuration has none: every id but 0 is then refused).
 *
 * <p>It also keeps the batches that event batches from other nodes are decoded into.
 *
 * <p>Thread-safe: the pool and registry are one volatile reference, read by serialization threads,
 * written once by the node at start (a reader sees both of one node, never a mix); the free batches
 * are a JCTools MPMC queue.
 */
public final class WirePool implements Extension {
  /** Events a reused decoding batch holds: the router's default batch size. */
  static final int BATCH_CAPACITY = 64;

  /** What incoming events are read into and checked against; immutable, swapped whole. */
  private record Decoding(EventPool pool, IdRegistry ids) {}

  private volatile Decoding decoding;

  /** Emptied decoding batches; taken and given back by any thread (Artery's lanes, strategies). */
  private final MpmcArrayQueue<EventBatch> freeBatches = new MpmcArrayQueue<>(1024);

  private final EventBatch.Owner batchOwner = freeBatches::offer;

  /**
   * Decoded batches on their way to an entity, oldest first; polled under this monitor, ten times a
   * second, so it holds a tenth of a second's worth: bounded, nothing allocated per message.
   */
  private final MpscArrayQueue<EventBatch> received = new MpscArrayQueue<>(1 << 16);

  private WirePool(IdRegistry defaultIds) {
    this.decoding = new Decoding(new EventPool(PoolConfig.ofCapacity(1024)), defaultIds);
  }

  public static WirePool get(ActorSystem<?> system) {
    return Id.INSTANCE.apply(system);
  }

  /**
   * Decodes into {@code nodePool} and checks ids against {@code nodeIds} from now on: the node's
   * pipeline's pool and registry ({@code MelticaPipeline.pool()} and {@code ids()}).
   */
  public void use(EventPool nodePool, IdRegistry nodeIds) {
    this.decoding =
        new Decoding(
            Objects.requireNonNull(nodePool, "nodePool"),
            Objects.requireNonNull(nodeIds, "nodeIds"));
  }

  /** The pool incoming events are read into. */
  public EventPool pool() {
    return decoding.pool();
  }

  /** The registry every id of an incoming event must be within. */
  public IdRegistry ids() {
    return decoding.ids();
  }

  /**
   * Marks {@code batch}, just decoded, as in transit to its entity and remembers it: if nobody
   * takes it ({@link EventBatch#take}: the strategy's mailbox, the dead-letter recycler) because
   * Pekko dropped it on the way without a dead letter (an inbound stream stopping, a region
   * stopping at a node's last stop), {@link #revokeOverdue} or {@link #revokeAll} gives its
   * envelopes back. Any thread (Artery's inbound lanes).
   */
  public void receivedInTransit(EventBatch batch) {
    batch.sendInTransit();
    // Full only past ~650,000 batches a second: one not remembered still goes to its mailbox,
    // and is lost to the pool only if Pekko also drops it on the way.
    received.offer(batch);
  }

  /**
   * Takes back the received batches nobody took within {@code timeoutNanos}; returns the events
   * recycled ({@code transit_timeout}).
   */
  public synchronized int revokeOverdue(long nowNanos, long timeoutNanos) {
    int events = 0;
    EventBatch oldest;
    while ((oldest = received.peek()) != null) {
      long stamp = oldest.currentTransit();
      if (stamp >= 0 && nowNanos - oldest.transitSinceNanos() < timeoutNanos) {
        break;
      }
      received.poll();
      if (stamp >= 0 && oldest.revoke(stamp)) {
        events += TransitLedger.recycleEvents(oldest);
      }
    }
    return events;
  }

  /** Takes back every received batch nobody took (the node has stopped); returns the events. */
  public synchronized int revokeAll() {
    return revokeOverdue(0, Long.MIN_VALUE); // no age is below Long.MIN_VALUE: all overdue
  }

  /**
   * An empty batch for at least {@code events} decoded events, reused if one is free; whoever
   * empties it gives it back with {@link EventBatch#release}. Any thread.
   */
  public EventBatch acquireBatch(int events) {
    EventBatch batch = freeBatches.poll();
    if (batch != null && batch.capacity() >= events) {
      return batch;
    }
    return new EventBatch(Math.max(events, BATCH_CAPACITY), batchOwner);
  }

  /**
   * The registry of {@code meltica.instruments} and {@code meltica.venues}, as the pipeline's
   * settings and the strategies' mailboxes read them; empty where they are not configured.
   */
  static IdRegistry defaultIds(Config config) {
    return IdRegistry.of(names(config, "meltica.instruments"), names(config, "meltica.venues"));
  }

  private static List<String> names(Config config, String path) {
    return config.hasPath(path) ? config.getStringList(path) : List.of();
  }

  /** The extension's id. */
  public static final class Id extends ExtensionId<WirePool> {
    static final Id INSTANCE = new Id();

    private Id() {}

    @Override
    public WirePool createExtension(ActorSystem<?> system) {
      return new WirePool(defaultIds(system.settings().config()));
    }
  }
}
