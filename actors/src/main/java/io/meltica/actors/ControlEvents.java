package io.meltica.actors;

import io.meltica.pool.EventPool;
import io.meltica.protocol.Event;
import io.meltica.protocol.TraceIds;

/**
 * Envelopes for the control events (CONTROL_ACK, CONTROL_RESULT) one actor emits, each with a trace
 * id of its own. Confined to that actor.
 */
final class ControlEvents {
  private final EventPool pool;
  private final String ownerTag;
  private final int salt;
  private long emitted;

  /**
   * @param salt keeps the trace ids of different emitters apart (an identity hash will do)
   */
  ControlEvents(EventPool pool, String ownerTag, int salt) {
    this.pool = pool;
    this.ownerTag = ownerTag;
    this.salt = salt;
  }

  /**
   * A pooled envelope with a fresh trace id and the ingest time now; the caller fills and owns it.
   */
  Event next() {
    return pool.acquire(ownerTag)
        .setTraceId(TraceIds.derive(salt, emitted++))
        .setIngestTimeNanos(System.nanoTime());
  }
}
