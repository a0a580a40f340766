package io.meltica.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import com.typesafe.config.ConfigFactory;
import io.meltica.protocol.EventKind;
import java.util.ArrayList;
import java.util.List;
import org.apache.pekko.util.ByteString;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Coinbase's sequence rule line by line through one {@link CoinbaseFeed}: {@code sequence} only
 * orders a channel, lost matches show in {@code trade_id} and in the heartbeat's {@code
 * last_trade_id}; what each line publishes, the gaps counted and the WARN lines.
 */
class CoinbaseOrderingTest {
  private static final String SNAPSHOT =
      "{\"type\":\"snapshot\",\"product_id\":\"BTC-USDT\",\"bids\":[[\"10\",\"1\"]],"
          + "\"asks\":[[\"11\",\"1\"]]}";

  private final VenueFeedStats stats = new VenueFeedStats("coinbase");
  private final CoinbaseFeed feed =
      new CoinbaseFeed(
          "ordering.jsonl",
          new CoinbaseDecoder(
              VenueSymbols.fromConfig(ConfigFactory.load(), "coinbase", StreamTestSupport.IDS)),
          StreamTestSupport.IDS,
          16,
          new IngestStats(),
          stats);
  private final FeedLog log = new FeedLog(CoinbaseVenue.class, CoinbaseBook.class);
  private final List<ReplayRecord> published = new ArrayList<>();
  private long lineNumber;

  @AfterEach
  void releaseLog() {
    log.close();
  }

  private void send(String... lines) {
    for (String line : lines) {
      published.addAll(
          feed.onFrame(new LineFramer.Line(++lineNumber, ByteString.fromString(line))));
    }
  }

  private static String match(long tradeId, long sequence) {
    return "{\"type\":\"match\",\"trade_id\":"
        + tradeId
        + ",\"sequence\":"
        + sequence
        + ",\"product_id\":\"BTC-USDT\",\"price\":\"10.5\",\"size\":\"1\",\"side\":\"buy\","
        + "\"time\":\"2026-06-01T00:00:00Z\"}";
  }

  private static String heartbeat(long sequence, long lastTradeId) {
    return "{\"type\":\"heartbeat\",\"sequence\":"
        + sequence
        + ",\"last_trade_id\":"
        + lastTradeId
        + ",\"product_id\":\"BTC-USDT\",\"time\":\"2026-06-01T00:00:01Z\"}";
  }

  private static String ticker(long sequence) {
    return "{\"type\":\"ticker\",\"sequence\":"
        + sequence
        + ",\"product_id\":\"BTC-USDT\",\"best_bid\":\"10\",\"best_bid_size\":\"1\","
        + "\"best_ask\":\"11\",\"best_ask_size\":\"1\",\"time\":\"2026-06-01T00:00:00Z\"}";
  }

  /** What was published after the snapshot's BOOK_SNAPSHOT and QUOTE: kind and sequence. */
  private List<org.assertj.core.groups.Tuple> afterSnapshot() {
    return published.subList(2, published.size()).stream()
        .map(r -> tuple(r.kind(), r.venueSequence()))
        .toList();
  }

  @Test
  void shouldSeeNoGapWhenMatchSequencesSkipButTradeIdsFollow() {
    // the full channel's received/open/done messages take the sequence numbers in between
    send(SNAPSHOT, match(10, 50), match(11, 53), match(12, 61), ticker(61), heartbeat(64, 12));

    assertThat(afterSnapshot())
        .containsExactly(
            tuple(EventKind.TRADE, 10L),
            tuple(EventKind.TRADE, 11L),
            tuple(EventKind.TRADE, 12L),
            tuple(EventKind.QUOTE, 61L));
    assertThat(stats.gaps()).isZero();
    assertThat(feed.book(StreamTestSupport.BTC).isInSync()).isTrue();
    assertThat(log.lines()).isEmpty();
  }

  @Test
  void shouldCountATradeIdJumpAsAGapStillPublishingTheTradeAndStaleTheBook() {
    send(SNAPSHOT, match(10, 50), match(13, 51), ticker(51));

    assertThat(afterSnapshot())
        .as("the stale mark carries the trade_id that showed the gap; the ticker is withheld")
        .containsExactly(
            tuple(EventKind.TRADE, 10L),
            tuple(EventKind.BOOK_SNAPSHOT, 13L),
            tuple(EventKind.TRADE, 13L));
    assertThat(published.get(3).bidPrice()).isZero();
    assertThat(stats.gaps()).isEqualTo(1);
    assertThat(feed.book(StreamTestSupport.BTC).isStale()).isTrue();
    assertThat(log.lines())
        .containsExactly(
            "coinbase BTC-USDT: trade_id gap at line 3: expected trade_id 11, got 13; book stale"
                + " until the next snapshot");

    send(SNAPSHOT);
    assertThat(stats.resyncs()).isEqualTo(1);
    assertThat(feed.book(StreamTestSupport.BTC).isInSync()).isTrue();
  }

  @Test
  void shouldCountAGapWhenAHeartbeatNamesATradeNotSeenAndNotAgainAtTheNextMatch() {
    send(SNAPSHOT, match(10, 50), heartbeat(55, 12), match(13, 56));

    assertThat(afterSnapshot())
        .containsExactly(
            tuple(EventKind.TRADE, 10L),
            tuple(EventKind.BOOK_SNAPSHOT, 12L),
            tuple(EventKind.TRADE, 13L));
    assertThat(stats.gaps()).as("trades 11 and 12 lost: one gap").isEqualTo(1);
    assertThat(log.lines())
        .containsExactly(
            "coinbase BTC-USDT: trade_id gap at line 3: expected last_trade_id 10, got 12; book"
                + " stale until the next snapshot");
  }

  @Test
  void shouldSeeNoGapInAHeartbeatBeforeAnyMatchOrNamingATradeAlreadySeen() {
    send(SNAPSHOT, heartbeat(40, 7), match(10, 50), heartbeat(51, 10), heartbeat(52, 9));

    assertThat(afterSnapshot()).containsExactly(tuple(EventKind.TRADE, 10L));
    assertThat(stats.gaps()).isZero();
    assertThat(stats.messages()).isEqualTo(5);
  }

  @Test
  void shouldDropADuplicateTradeIdAndAMessageNotAfterTheLastSequenceOfItsChannel() {
    send(
        SNAPSHOT,
        match(10, 50),
        match(10, 51), // the same trade again, under a newer sequence
        match(11, 49), // late on the matches channel
        match(11, 52),
        ticker(52), // a ticker repeats its match's sequence: channels are followed apart
        ticker(52),
        ticker(40),
        ticker(90), // tickers are batched: a jump is not a gap
        heartbeat(60, 11),
        heartbeat(60, 11));

    assertThat(afterSnapshot())
        .containsExactly(
            tuple(EventKind.TRADE, 10L),
            tuple(EventKind.TRADE, 11L),
            tuple(EventKind.QUOTE, 52L),
            tuple(EventKind.QUOTE, 90L));
    assertThat(stats.gaps()).isZero();
    assertThat(log.lines()).as("drops are logged at DEBUG only").isEmpty();
  }
}
