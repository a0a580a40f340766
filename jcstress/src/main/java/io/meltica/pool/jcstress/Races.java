package io.meltica.pool.jcstress;

import io.meltica.pool.EventPool;
import io.meltica.pool.PoolConfig;
import io.meltica.pool.RecycleReason;
import io.meltica.protocol.Event;
import io.meltica.protocol.ReleaseRefusedException;

/** What the actors of the pool tests do, and the codes they record in their results. */
final class Races {
  /** The recycle returned: the pool took the envelope back. */
  static final int RELEASED = 1;

  /** Refused as a double release ({@link ReleaseRefusedException#isStale()} false). */
  static final int REFUSED_DOUBLE = 2;

  /** Refused as a stale release ({@link ReleaseRefusedException#isStale()} true). */
  static final int REFUSED_STALE = 3;

  /** Any other exception: never correct. */
  static final int FAILED = 4;

  private Races() {}

  /** A pool of the smallest capacity (2), debug off: the production path, and fast. */
  static EventPool smallPool() {
    return new EventPool(new PoolConfig(2, false, false));
  }

  /** Recycles {@code event} under {@code generation} and says how the pool answered. */
  static int recycle(EventPool pool, Event event, long generation) {
    try {
      pool.recycler().recycle(event, generation, RecycleReason.STRATEGY_HANDLED);
      return RELEASED;
    } catch (ReleaseRefusedException refused) {
      return refused.isStale() ? REFUSED_STALE : REFUSED_DOUBLE;
    } catch (RuntimeException unexpected) {
      return FAILED;
    }
  }

  /** Whether every counter of {@code pool} is where the test expects it at the end. */
  static boolean counts(
      EventPool pool, long acquired, long released, long inUse, long refused, long misses) {
    return pool.acquiredCount() == acquired
        && pool.releasedCount() == released
        && pool.recycler().recycledTotal() == released
        && pool.inUse() == inUse
        && pool.refusedReleaseCount() == refused
        && pool.missCount() == misses
        && pool.droppedOnReleaseCount() == 0
        && pool.unaccountedCount() == 0;
  }
}
