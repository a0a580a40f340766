package io.meltica.actors.mailbox;

import io.meltica.protocol.Event;
import java.util.Arrays;

/**
 * Where the queued entry of each conflation key sits in one {@link MarketDataQueue}: its sequence,
 * or none. Sized from the registry ({@link ConflationKeys}) on the first conflatable event, so
 * finding the quote a newer one replaces costs no search and no allocation. Confined to the queue's
 * monitor.
 */
final class QueuedKeys {
  private static final long NONE = -1;

  private final ConflationKeys keys;
  private long[] sequenceOfKey; // made on first use: most strategies never conflate

  QueuedKeys(ConflationKeys keys) {
    this.keys = keys;
  }

  /** The key of {@code event}, or -1 if it is not conflated. */
  int keyOf(Event event) {
    return keys.of(event);
  }

  /** The sequence of the entry queued under {@code key}, or -1. */
  long sequenceOf(int key) {
    return table()[key];
  }

  /** The entry at {@code sequence} is now the one queued under {@code key}. */
  void queued(int key, long sequence) {
    table()[key] = sequence;
  }

  private long[] table() {
    if (sequenceOfKey == null) {
      sequenceOfKey = new long[keys.size()];
      Arrays.fill(sequenceOfKey, NONE);
    }
    return sequenceOfKey;
  }

  /** The entry at {@code sequence} left the queue: its key no longer points at it. */
  void left(Event event, long sequence) {
    if (sequenceOfKey == null) {
      return;
    }
    int key = keys.of(event);
    if (key >= 0 && sequenceOfKey[key] == sequence) {
      sequenceOfKey[key] = NONE;
    }
  }
}
