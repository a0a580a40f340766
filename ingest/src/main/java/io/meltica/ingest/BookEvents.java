package io.meltica.ingest;

import io.meltica.protocol.EventKind;
import io.meltica.protocol.Side;

/**
 * Where a local book's events go: one call per event the pipeline should see. Called on the thread
 * that applies the update, synchronously; an implementation that keeps what it is told must copy it
 * (the arguments are primitives, so it always does).
 */
interface BookEvents {
  /** One applied level change: a BOOK_DELTA ({@code size} 0 removes the level). */
  void delta(
      int instrumentId,
      long lineNumber,
      long sequence,
      long eventTimeNanos,
      Side side,
      long price,
      long size);

  /**
   * The top of the book: a QUOTE when it changed, or a BOOK_SNAPSHOT when the book was (re)synced
   * from a snapshot, or went stale (then all four amounts are 0).
   */
  void top(
      EventKind kind,
      int instrumentId,
      long lineNumber,
      long sequence,
      long eventTimeNanos,
      long bidPrice,
      long bidSize,
      long askPrice,
      long askSize);
}
