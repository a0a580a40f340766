package io.meltica.cluster;

import io.meltica.pool.EventPool;
import io.meltica.pool.PoolConfig;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Extension;
import org.apache.pekko.actor.typed.ExtensionId;

/**
 * The pool a node reads incoming events into. Pekko creates serializers by reflection, with only
 * the ActorSystem in hand; they find the node's pool here. The node's pipeline {@link #use}s its
 * own pool at start; until then (or in a system without a pipeline) a small pool of its own serves,
 * so that decoding never fails for want of a pool.
 *
 * <p>Thread-safe: the pool reference is volatile, read by serialization threads, written once by
 * the node at start.
 */
public final class WirePool implements Extension {
  private volatile EventPool pool = new EventPool(PoolConfig.ofCapacity(1024));

  private WirePool() {}

  public static WirePool get(ActorSystem<?> system) {
    return Id.INSTANCE.apply(system);
  }

  /** Decodes into {@code nodePool} from now on. */
  public void use(EventPool nodePool) {
    this.pool = nodePool;
  }

  /** The pool incoming events are read into. */
  public EventPool pool() {
    return pool;
  }

  /** The extension's id. */
  public static final class Id extends ExtensionId<WirePool> {
    static final Id INSTANCE = new Id();

    private Id() {}

    @Override
    public WirePool createExtension(ActorSystem<?> system) {
      return new WirePool();
    }
  }
}
