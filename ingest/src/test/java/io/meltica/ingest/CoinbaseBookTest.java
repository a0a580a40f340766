package io.meltica.ingest;

import static io.meltica.ingest.BookTestSupport.levels;
import static org.assertj.core.api.Assertions.assertThat;

import io.meltica.ingest.CoinbaseMessage.L2Update;
import io.meltica.ingest.CoinbaseMessage.Snapshot;
import io.meltica.protocol.Side;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** One Coinbase book: snapshot, updates, stale when told of a loss, resync; what it publishes. */
class CoinbaseBookTest {
  private static final int BTC = StreamTestSupport.BTC;

  private final VenueFeedStats stats = new VenueFeedStats("coinbase");
  private final List<String> events = new ArrayList<>();
  private final CoinbaseBook book =
      new CoinbaseBook(BTC, "BTC-USDT", 16, stats, new RecordedBookEvents(events));

  private static Snapshot snapshot(BookLevels bids, BookLevels asks) {
    return new Snapshot(1, BTC, bids, asks);
  }

  private static L2Update update(Side side, long price, long size) {
    return new L2Update(2, BTC, 7, new Side[] {side}, new long[] {price}, new long[] {size});
  }

  @Test
  void shouldPublishTheSnapshotThenEachChangeAndAQuoteWhenTheTopMoves() {
    book.onUpdate(update(Side.BUY, 10, 1)); // before any snapshot: nothing to apply it to
    assertThat(events).isEmpty();

    book.onSnapshot(snapshot(levels(10, 5, 9, 1), levels(11, 3)));
    book.onUpdate(update(Side.BUY, 9, 7));
    book.onUpdate(update(Side.SELL, 11, 0));

    assertThat(events)
        .containsExactly(
            "BOOK_SNAPSHOT 0 10x5 11x3",
            "QUOTE 0 10x5 11x3",
            "BOOK_DELTA 0 BUY 9x7",
            "BOOK_DELTA 0 SELL 11x0",
            "QUOTE 0 10x5 0x0");
    assertThat(book.isInSync()).isTrue();
  }

  @Test
  void shouldGoStaleOnceAndDropUpdatesUntilTheNextSnapshot() {
    book.onSnapshot(snapshot(levels(10, 5), levels(11, 3)));
    events.clear();

    book.markStale(5, 14, 9);
    book.markStale(6, 20, 9);
    book.onUpdate(update(Side.BUY, 10, 1));

    assertThat(events).containsExactly("BOOK_SNAPSHOT 14 0x0 0x0");
    assertThat(book.isStale()).isTrue();
    assertThat(stats.booksStale()).as("two losses, one stale period").isEqualTo(1);
    events.clear();

    book.onSnapshot(snapshot(levels(10, 5), levels(11, 3)));

    assertThat(events)
        .as("the same top as before the loss is quoted again: the stale mark retracted it")
        .containsExactly("BOOK_SNAPSHOT 0 10x5 11x3", "QUOTE 0 10x5 11x3");
    assertThat(book.isStale()).isFalse();
    assertThat(stats.resyncs()).isEqualTo(1);
    assertThat(stats.booksStale()).isZero();
    assertThat(stats.staleNanos()).as("the stale period, ended by the resync").isPositive();
  }

  @Test
  void shouldPublishNoStaleMarkForABookThatHadNoSnapshotYet() {
    book.markStale(5, 14, 9);

    assertThat(events).isEmpty();
    assertThat(book.isStale()).isTrue();
    book.onSnapshot(snapshot(levels(10, 5), levels(11, 3)));
    assertThat(stats.resyncs()).isEqualTo(1);
  }

  @Test
  void shouldApplyUpdatesWithoutAllocatingInSteadyState() {
    RecordedBookEvents counting = new RecordedBookEvents();
    CoinbaseBook quiet = new CoinbaseBook(BTC, "BTC-USDT", 64, stats, counting);
    quiet.onSnapshot(snapshot(levels(1000, 5), levels(1001, 5)));
    L2Update[] updates = new L2Update[64];
    for (int i = 0; i < updates.length; i++) {
      boolean bid = i % 2 == 0;
      updates[i] = update(bid ? Side.BUY : Side.SELL, bid ? 990 + i % 10 : 1002 + i % 10, i % 5);
    }
    int rounds = 20_000;
    for (int i = 0; i < rounds / 2; i++) {
      quiet.onUpdate(updates[i % updates.length]); // warm-up: let the JIT settle
    }
    com.sun.management.ThreadMXBean threads =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    long before = threads.getCurrentThreadAllocatedBytes();
    for (int i = rounds / 2; i < rounds; i++) {
      quiet.onUpdate(updates[i % updates.length]);
    }
    long allocated = threads.getCurrentThreadAllocatedBytes() - before;

    assertThat(quiet.isInSync()).isTrue();
    assertThat(counting.count).as("deltas and quotes were published").isGreaterThan(rounds);
    assertThat(allocated)
        .as("10,000 updates; 16 bytes each would be 160,000")
        .isLessThan(16 * 1024);
  }
}
