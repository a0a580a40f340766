package io.meltica.pool;

import io.meltica.protocol.Event;
import org.jctools.queues.MpmcArrayQueue;

/**
 * The debug-mode free list: first in, first out, so that a released envelope waits behind every
 * other free one before it is handed out again, poisoned all that time, and a handler that kept a
 * reference to it meets a use-after-release error instead of another event's data. A JCTools ring
 * with a slot per envelope; {@code offer}, not {@code relaxedOffer}, which may fail spuriously.
 */
final class FreeQueue implements FreeList {
  private final MpmcArrayQueue<Event> ring;

  FreeQueue(int capacity) {
    this.ring = new MpmcArrayQueue<>(capacity);
  }

  @Override
  public Event take() {
    return ring.poll();
  }

  @Override
  public boolean give(Event envelope) {
    return envelope.poolSlot() >= 0 && ring.offer(envelope);
  }
}
