package io.meltica.ingest;

import static io.meltica.ingest.BookTestSupport.levels;
import static org.assertj.core.api.Assertions.assertThat;

import io.meltica.ingest.BinanceMessage.DepthSnapshot;
import io.meltica.ingest.BinanceMessage.DepthUpdate;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** One book's sequence rules, on hand-made messages, with the events it publishes. */
class BinanceBookTest {
  private static final int BTC = StreamTestSupport.BTC;

  private final VenueFeedStats stats = new VenueFeedStats("binance");
  private final List<String> events = new ArrayList<>();
  private final BinanceBook book =
      new BinanceBook(BTC, "BTC-USDT", 16, 4, stats, new RecordedBookEvents(events));

  private static DepthUpdate update(long first, long last, BookLevels bids, BookLevels asks) {
    return new DepthUpdate(last, BTC, first, last, 0, bids, asks);
  }

  private static DepthSnapshot snapshot(long lastUpdateId, BookLevels bids, BookLevels asks) {
    return new DepthSnapshot(lastUpdateId, BTC, lastUpdateId, bids, asks);
  }

  @Test
  void shouldBufferUntilTheSnapshotThenDropWhatItContainsAndBridgeIt() {
    book.onUpdate(update(95, 99, levels(10, 1), BookLevels.NONE)); // contained in the snapshot
    book.onUpdate(update(100, 102, levels(10, 2), BookLevels.NONE)); // bridges 101
    assertThat(events).isEmpty();
    assertThat(book.isInSync()).isFalse();

    book.onSnapshot(snapshot(100, levels(10, 5, 9, 1), levels(11, 3)));

    assertThat(events).containsExactly("BOOK_SNAPSHOT 102 10x2 11x3", "QUOTE 102 10x2 11x3");
    assertThat(book.lastUpdateId()).isEqualTo(102);
    events.clear();
    book.onUpdate(update(103, 103, BookLevels.NONE, levels(11, 0, 12, 4)));
    assertThat(events)
        .containsExactly(
            "BOOK_DELTA 103 SELL 11x0", "BOOK_DELTA 103 SELL 12x4", "QUOTE 103 10x2 12x4");
    assertThat(stats.gaps()).isZero();
    assertThat(stats.resyncs()).isZero();
  }

  @Test
  void shouldPublishNoQuoteWhenTheTopDidNotChange() {
    book.onSnapshot(snapshot(1, levels(10, 5, 9, 1), levels(11, 3)));
    events.clear();

    book.onUpdate(update(2, 2, levels(9, 7), BookLevels.NONE));

    assertThat(events).containsExactly("BOOK_DELTA 2 BUY 9x7");
  }

  @Test
  void shouldTreatAFirstUpdateThatSkipsPastTheSnapshotAsAGap() {
    book.onSnapshot(snapshot(100, levels(10, 5), levels(11, 3)));
    events.clear();

    book.onUpdate(update(102, 103, levels(10, 1), BookLevels.NONE));

    assertThat(book.isStale()).isTrue();
    assertThat(stats.gaps()).isEqualTo(1);
    assertThat(events).containsExactly("BOOK_SNAPSHOT 100 0x0 0x0");
  }

  @Test
  void shouldGoStaleOnAGapWithholdQuotesAndResyncFromTheNextSnapshot() {
    book.onSnapshot(snapshot(10, levels(100, 1), levels(101, 1)));
    book.onUpdate(update(11, 12, levels(100, 2), BookLevels.NONE));
    events.clear();

    book.onUpdate(update(15, 16, levels(100, 3), BookLevels.NONE)); // 13 and 14 are missing
    book.onUpdate(update(17, 18, levels(99, 4), BookLevels.NONE));

    assertThat(book.isStale()).isTrue();
    assertThat(events)
        .as("a stale marker, then nothing")
        .containsExactly("BOOK_SNAPSHOT 12 0x0 0x0");
    assertThat(stats.gaps()).isEqualTo(1);
    assertThat(stats.booksStale()).isEqualTo(1);
    events.clear();

    book.onSnapshot(snapshot(16, levels(100, 3), levels(101, 1)));

    assertThat(book.isStale()).isFalse();
    assertThat(stats.resyncs()).isEqualTo(1);
    assertThat(stats.booksStale()).isZero();
    assertThat(stats.staleNanos()).as("the stale period, ended by the resync").isPositive();
    assertThat(book.lastUpdateId()).as("the update after the snapshot replayed").isEqualTo(18);
    assertThat(book.bids().count()).isEqualTo(2);
    assertThat(book.bids().sizeAt(1)).isEqualTo(4);
    assertThat(events).containsExactly("BOOK_SNAPSHOT 18 100x3 101x1", "QUOTE 18 100x3 101x1");
  }

  @Test
  void shouldStayStaleWhenTheNextSnapshotIsTooOldForTheBufferedUpdates() {
    book.onSnapshot(snapshot(10, levels(100, 1), levels(101, 1)));
    book.onUpdate(update(15, 16, levels(100, 3), BookLevels.NONE));

    book.onSnapshot(snapshot(12, levels(100, 2), levels(101, 1)));

    assertThat(book.isStale()).isTrue();
    assertThat(stats.gaps()).isEqualTo(2);
    assertThat(stats.resyncs()).isZero();
    assertThat(stats.booksStale()).as("one book, one stale period still open").isEqualTo(1);
    assertThat(stats.staleNanos()).as("nothing ended yet").isZero();
  }

  @Test
  void shouldIgnoreASnapshotTheBookAlreadyContains() {
    book.onSnapshot(snapshot(10, levels(100, 1), levels(101, 1)));
    book.onUpdate(update(11, 12, levels(100, 2), BookLevels.NONE));
    events.clear();

    book.onSnapshot(snapshot(11, levels(100, 9), levels(101, 9)));

    assertThat(events).isEmpty();
    assertThat(book.bids().bestSize()).isEqualTo(2);
  }

  @Test
  void shouldApplyUpdatesWithoutAllocatingInSteadyState() {
    RecordedBookEvents counting = new RecordedBookEvents();
    BinanceBook quiet = new BinanceBook(BTC, "BTC-USDT", 16, 4, stats, counting);
    quiet.onSnapshot(snapshot(0, levels(1000, 1, 999, 1), levels(1001, 1, 1002, 1)));
    int updates = 20_000;
    DepthUpdate[] feed = new DepthUpdate[updates];
    for (int i = 0; i < updates; i++) {
      long offset = i % 12;
      feed[i] =
          update(
              i + 1,
              i + 1,
              levels(990 + offset, i % 5, 1000, 1 + i % 3),
              levels(1001 + offset, (i + 1) % 4, 1002, 2));
    }
    for (int i = 0; i < updates / 2; i++) {
      quiet.onUpdate(feed[i]); // warm-up: let the JIT settle
    }
    com.sun.management.ThreadMXBean threads =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    long before = threads.getCurrentThreadAllocatedBytes();
    for (int i = updates / 2; i < updates; i++) {
      quiet.onUpdate(feed[i]);
    }
    long allocated = threads.getCurrentThreadAllocatedBytes() - before;

    assertThat(quiet.lastUpdateId()).isEqualTo(updates);
    assertThat(counting.count).as("deltas and quotes were published").isGreaterThan(updates);
    assertThat(stats.gaps()).isZero();
    assertThat(allocated)
        .as("10,000 updates; 16 bytes each would be 160,000")
        .isLessThan(16 * 1024);
  }
}
