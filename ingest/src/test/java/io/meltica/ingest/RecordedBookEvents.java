package io.meltica.ingest;

import io.meltica.protocol.EventKind;
import io.meltica.protocol.Side;
import java.util.List;

/**
 * A {@link BookEvents} for tests: counts every event and, given a list, also writes each as a short
 * line (kind, sequence, amounts). Without a list it allocates nothing, for allocation tests.
 */
final class RecordedBookEvents implements BookEvents {
  private final List<String> lines;
  long count;

  /** Counts only. */
  RecordedBookEvents() {
    this(null);
  }

  RecordedBookEvents(List<String> lines) {
    this.lines = lines;
  }

  @Override
  public void delta(
      int instrumentId,
      long lineNumber,
      long sequence,
      long eventTimeNanos,
      Side side,
      long price,
      long size) {
    count++;
    if (lines != null) {
      lines.add("BOOK_DELTA " + sequence + " " + side + " " + price + "x" + size);
    }
  }

  @Override
  public void top(
      EventKind kind,
      int instrumentId,
      long lineNumber,
      long sequence,
      long eventTimeNanos,
      long bidPrice,
      long bidSize,
      long askPrice,
      long askSize) {
    count++;
    if (lines != null) {
      lines.add(
          kind + " " + sequence + " " + bidPrice + "x" + bidSize + " " + askPrice + "x" + askSize);
    }
  }
}
