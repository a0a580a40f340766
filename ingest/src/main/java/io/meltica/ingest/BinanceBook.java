package io.meltica.ingest;

import io.meltica.ingest.BinanceMessage.DepthSnapshot;
import io.meltica.ingest.BinanceMessage.DepthUpdate;
import io.meltica.protocol.Side;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The local order book of one Binance instrument, kept in sequence by Binance's documented
 * procedure (docs/venues.md): updates wait in a buffer until a snapshot is applied; then those with
 * {@code u <= lastUpdateId} are dropped, the first applied must have {@code U <= lastUpdateId+1 <=
 * u}, and each one after it {@code U == previous u + 1}.
 *
 * <p>A gap makes the book <em>stale</em>: counted and logged once, announced by a BOOK_SNAPSHOT
 * with an empty top, and no QUOTE is published until the next snapshot in the recording is applied
 * and the buffered updates after it replayed; a BOOK_SNAPSHOT with the real top then says the book
 * is back. Every applied level change while in sequence is a BOOK_DELTA, every change of the top a
 * QUOTE.
 *
 * <p>Allocation: none per update in steady state. The levels live in preallocated {@link BookSide}s
 * and the buffer is a preallocated ring of references to the decoded messages.
 *
 * <p>Not thread-safe: owned by the one stream stage that keeps a feed's books.
 */
final class BinanceBook extends VenueBook {
  private static final Logger log = LoggerFactory.getLogger(BinanceBook.class);

  private enum State {
    /** No snapshot yet, or stale after a gap: updates are buffered. */
    AWAITING_SNAPSHOT,
    /** Snapshot applied; the next update must bridge it ({@code U <= lastUpdateId+1 <= u}). */
    BRIDGING,
    /** In sequence: each update must start right after the last ({@code U == u + 1}). */
    LIVE
  }

  private final DepthUpdate[] buffer;
  private int bufferHead;
  private int buffered;
  private State state = State.AWAITING_SNAPSHOT;
  private long lastUpdateId;

  BinanceBook(
      int instrumentId,
      String instrumentName,
      int levelsPerSide,
      int bufferedUpdates,
      VenueFeedStats stats,
      BookEvents events) {
    super(instrumentId, instrumentName, levelsPerSide, false, stats, events);
    this.buffer = new DepthUpdate[bufferedUpdates];
  }

  /** Whether a snapshot was applied and no gap followed it: the levels are the venue's. */
  boolean isInSync() {
    return state != State.AWAITING_SNAPSHOT;
  }

  /** The id of the last update applied (or of the snapshot, before any). */
  long lastUpdateId() {
    return lastUpdateId;
  }

  void onUpdate(DepthUpdate update) {
    switch (state) {
      case AWAITING_SNAPSHOT -> buffer(update);
      case BRIDGING -> bridge(update, true);
      case LIVE -> follow(update, true);
    }
  }

  /**
   * Applies a snapshot unless it is no newer than a book in sync, replays the buffered updates
   * after it, then publishes the top as a BOOK_SNAPSHOT (and a QUOTE if it changed).
   */
  void onSnapshot(DepthSnapshot snapshot) {
    if (state != State.AWAITING_SNAPSHOT && snapshot.lastUpdateId() <= lastUpdateId) {
      return; // already contained in the book: nothing to learn
    }
    bids.clear();
    asks.clear();
    bids.setAll(snapshot.bids());
    asks.setAll(snapshot.asks());
    lastUpdateId = snapshot.lastUpdateId();
    state = State.BRIDGING;
    while (buffered > 0 && state != State.AWAITING_SNAPSHOT) {
      DepthUpdate next = takeBuffered();
      if (state == State.BRIDGING) {
        bridge(next, false);
      } else {
        follow(next, false);
      }
    }
    if (state == State.AWAITING_SNAPSHOT) {
      return; // the buffer had a gap of its own: still stale, waiting for a newer snapshot
    }
    if (resynced()) {
      log.info(
          "binance {}: book resynced from the snapshot at line {} (update id {})",
          instrumentName,
          snapshot.lineNumber(),
          lastUpdateId);
    }
    publishSnapshotTop(snapshot.lineNumber(), lastUpdateId, 0);
  }

  private void bridge(DepthUpdate update, boolean publish) {
    if (update.lastUpdateId() <= lastUpdateId) {
      return; // contained in the snapshot
    }
    if (update.firstUpdateId() > lastUpdateId + 1) {
      gap(update);
      return;
    }
    apply(update, publish);
  }

  private void follow(DepthUpdate update, boolean publish) {
    if (update.lastUpdateId() <= lastUpdateId) {
      return; // an old update seen again: already applied
    }
    if (update.firstUpdateId() != lastUpdateId + 1) {
      gap(update);
      return;
    }
    apply(update, publish);
  }

  private void apply(DepthUpdate update, boolean publish) {
    applySide(update, update.bids(), bids, Side.BUY, publish);
    applySide(update, update.asks(), asks, Side.SELL, publish);
    lastUpdateId = update.lastUpdateId();
    state = State.LIVE;
    if (publish) {
      quoteIfTopChanged(update.lineNumber(), lastUpdateId, update.eventTimeNanos());
    }
  }

  private void applySide(
      DepthUpdate update, BookLevels levels, BookSide side, Side sideOf, boolean publish) {
    for (int i = 0; i < levels.count(); i++) {
      long price = levels.prices()[i];
      long size = levels.sizes()[i];
      side.set(price, size);
      if (publish) {
        events.delta(
            instrumentId,
            update.lineNumber(),
            update.lastUpdateId(),
            update.eventTimeNanos(),
            sideOf,
            price,
            size);
      }
    }
  }

  private void gap(DepthUpdate update) {
    stats.recordGap();
    log.warn(
        "binance {}: sequence gap at line {}: expected U <= {}, got U={} u={}; book stale until the"
            + " next snapshot",
        instrumentName,
        update.lineNumber(),
        lastUpdateId + 1,
        update.firstUpdateId(),
        update.lastUpdateId());
    // At the front: while replaying the buffer, the updates still in it came after this one.
    pushFront(update);
    markStale(update.lineNumber(), update.eventTimeNanos());
  }

  @Override
  public void connectionLost(long lineNumber) {
    if (state != State.AWAITING_SNAPSHOT) {
      markStale(lineNumber, 0);
    }
  }

  /** Stale until the next snapshot: buffering from now on, announced by the empty-top snapshot. */
  private void markStale(long lineNumber, long eventTimeNanos) {
    goStale();
    state = State.AWAITING_SNAPSHOT;
    announceStale(lineNumber, lastUpdateId, eventTimeNanos);
  }

  /**
   * Appends to the ring; when it is full the oldest goes (the bridge check then finds the hole).
   */
  private void buffer(DepthUpdate update) {
    if (buffered == buffer.length) {
      takeBuffered();
    }
    buffer[(bufferHead + buffered) % buffer.length] = update;
    buffered++;
  }

  private void pushFront(DepthUpdate update) {
    if (buffered == buffer.length) {
      // drop the newest: the one at the front is needed first
      buffer[(bufferHead + buffered - 1) % buffer.length] = null;
      buffered--;
    }
    bufferHead = (bufferHead - 1 + buffer.length) % buffer.length;
    buffer[bufferHead] = update;
    buffered++;
  }

  private DepthUpdate takeBuffered() {
    DepthUpdate update = buffer[bufferHead];
    buffer[bufferHead] = null;
    bufferHead = (bufferHead + 1) % buffer.length;
    buffered--;
    return update;
  }
}
