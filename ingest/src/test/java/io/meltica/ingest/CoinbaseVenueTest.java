package io.meltica.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import com.typesafe.config.ConfigFactory;
import io.meltica.protocol.Event;
import io.meltica.protocol.EventKind;
import io.meltica.protocol.FixedPoint;
import io.meltica.protocol.Side;
import io.meltica.protocol.TraceIds;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Coinbase recordings through {@code inputs()} and {@code fill} into pooled envelopes on an
 * ActorSystem: what each line becomes, the sample's gap and resync, rejected lines; no envelope
 * left in use (checked after each test by {@link ReplayTestSupport}). The sequence rule line by
 * line is {@link CoinbaseOrderingTest}'s.
 */
class CoinbaseVenueTest extends RecordedVenueTestSupport {
  @Override
  String venue() {
    return "coinbase";
  }

  @Override
  Class<?>[] loggingClasses() {
    return new Class<?>[] {CoinbaseVenue.class, CoinbaseBook.class};
  }

  private CoinbaseVenue coinbase(Path file) {
    return new CoinbaseVenue(file, ConfigFactory.load(), IDS, stats, feed);
  }

  @Test
  void shouldReplayTheSampleFindingOneTradeIdGapAndOneResync() {
    replay(
        coinbase(example("coinbase-sample.jsonl")),
        events -> {
          assertThat(events).hasSize(22);
          assertThat(events).allSatisfy(e -> assertThat(e.venueId()).isEqualTo(COINBASE));
          List<Event> snapshots = of(events, BTC, EventKind.BOOK_SNAPSHOT);
          assertThat(snapshots)
              .extracting(Event::venueSequence, Event::bidPrice, Event::askPrice)
              .containsExactly(
                  tuple(0L, price("67010"), price("67012")),
                  tuple(14L, 0L, 0L),
                  tuple(0L, price("67011.5"), price("67012")));
          int staleAt = events.indexOf(snapshots.get(1));
          int resyncedAt = events.indexOf(snapshots.get(2));
          assertThat(events.subList(staleAt, resyncedAt))
              .as("no BTC quote or delta while the book is stale, the trade still passes")
              .extracting(Event::instrumentId, Event::kind)
              .containsExactly(
                  tuple(BTC, EventKind.BOOK_SNAPSHOT),
                  tuple(BTC, EventKind.TRADE),
                  tuple(ETH, EventKind.QUOTE));
          assertThat(of(events, BTC, EventKind.TRADE))
              .extracting(Event::venueSequence, Event::side)
              .containsExactly(
                  tuple(10L, Side.BUY),
                  tuple(11L, Side.SELL),
                  tuple(14L, Side.BUY),
                  tuple(15L, Side.BUY));
          assertThat(of(events, ETH, EventKind.QUOTE))
              .as("snapshot, smaller ask, ticker")
              .hasSize(3);
        });

    assertThat(feed.messages()).isEqualTo(18);
    assertThat(feed.gaps()).isEqualTo(1);
    assertThat(feed.resyncs()).isEqualTo(1);
    assertThat(feed.decodeRejects()).isZero();
    assertThat(stats.accepted()).isEqualTo(18);
    assertThat(feedLines())
        .containsExactly(
            "coinbase BTC-USDT: trade_id gap at line 10: expected trade_id 12, got 14; book stale"
                + " until the next snapshot",
            "coinbase BTC-USDT: book resynced from the snapshot at line 14");
  }

  @Test
  void shouldMapEachMessageTypeToTheEventFields() throws IOException {
    Path file =
        file(
            "fields.jsonl",
            """
            {"type":"snapshot","product_id":"BTC-USDT","bids":[["10.5","2"]],"asks":[["11","3"]]}
            {"type":"match","trade_id":42,"sequence":7,"product_id":"BTC-USDT","price":"10.75","size":"0.5","side":"buy","time":"1970-01-01T00:00:00.000004Z"}
            {"type":"ticker","sequence":8,"product_id":"BTC-USDT","best_bid":"10.5","best_bid_size":"2","best_ask":"11","best_ask_size":"3","time":"1970-01-01T00:00:00.000005Z"}
            {"type":"l2update","product_id":"BTC-USDT","changes":[["buy","10.5","0"]],"time":"1970-01-01T00:00:00.000006Z"}
            {"type":"heartbeat","sequence":9,"last_trade_id":42,"product_id":"BTC-USDT","time":"1970-01-01T00:00:00.000007Z"}
            """);
    long seed = ReplayVenue.traceSeed("fields.jsonl");

    replay(
        coinbase(file),
        events -> {
          assertThat(events)
              .extracting(Event::kind)
              .containsExactly(
                  EventKind.BOOK_SNAPSHOT,
                  EventKind.QUOTE,
                  EventKind.TRADE,
                  EventKind.QUOTE,
                  EventKind.BOOK_DELTA,
                  EventKind.QUOTE);
          Event trade = events.get(2);
          assertThat(trade.instrumentId()).isEqualTo(BTC);
          assertThat(trade.venueSequence()).as("trade_id").isEqualTo(42);
          assertThat(trade.eventTimeNanos()).isEqualTo(4_000L);
          assertThat(trade.price()).isEqualTo(price("10.75"));
          assertThat(trade.quantity()).isEqualTo(price("0.5"));
          assertThat(trade.side()).as("the maker bought: the taker sold").isEqualTo(Side.SELL);
          assertThat(trade.traceId()).isEqualTo(TraceIds.derive(seed, 2));
          Event ticker = events.get(3);
          assertThat(ticker.venueSequence()).isEqualTo(8);
          assertThat(ticker.eventTimeNanos()).isEqualTo(5_000L);
          assertThat(ticker.bidSize()).isEqualTo(price("2"));
          assertThat(ticker.askPrice()).isEqualTo(price("11"));
          Event delta = events.get(4);
          assertThat(delta.eventTimeNanos()).isEqualTo(6_000L);
          assertThat(delta.side()).isEqualTo(Side.BUY);
          assertThat(delta.price()).isEqualTo(price("10.5"));
          assertThat(delta.quantity()).isZero();
          Event emptiedBid = events.get(5);
          assertThat(emptiedBid.bidPrice()).isZero();
          assertThat(emptiedBid.askSize()).isEqualTo(price("3"));
        });

    assertThat(feed.messages()).as("the heartbeat is a message, publishing nothing").isEqualTo(5);
  }

  @Test
  void shouldRejectABadLineWithFileLineAndReasonAndGoOn() throws IOException {
    Path file =
        file(
            "bad.jsonl",
            """
            {"type":"match","trade_id":1,"sequence":1,"product_id":"BTC-USDT","price":"1","size":"1","side":"buy","time":"2026-06-01T00:00:00Z"}
            {"type":"match","trade_id":2,"sequence":1,"product_id":"BTC-USD","price":"1","size":"1","side":"buy","time":"2026-06-01T00:00:00Z"}
            {"type":"match","trade_id":3,"sequence":2,"product_id":"BTC-USDT","price":"1.000000001","size":"1","side":"buy","time":"2026-06-01T00:00:00Z"}

            {"type":"heartbeat","sequence":3,"product_id":"BTC-USDT","time":"2026-06-01T00:00:00Z"}
            {"type":"match","trade_id":4,"sequence":1,"product_id":"ETH-USDT","price":"2","size":"1","side":"buy","time":"2026-06-01T00:00:00Z"}
            """);

    replay(
        coinbase(file),
        events -> assertThat(events).extracting(Event::venueSequence).containsExactly(1L, 4L));

    assertThat(stats.rejected(RejectReason.UNKNOWN_INSTRUMENT)).isEqualTo(1);
    assertThat(stats.rejected(RejectReason.BAD_NUMBER)).isEqualTo(1);
    assertThat(stats.rejected(RejectReason.MISSING_FIELD)).isEqualTo(1);
    assertThat(feed.decodeRejects()).isEqualTo(3);
    assertThat(feed.messages()).isEqualTo(2);
    assertThat(feedLines())
        .containsExactly(
            "Rejected line bad.jsonl:2: unknown_instrument: 'product_id' \"BTC-USD\" is not mapped"
                + " in meltica.venue-symbols.coinbase",
            "Rejected line bad.jsonl:3: bad_number: 'price' has more than 8 decimals, got"
                + " 1.000000001",
            "Rejected line bad.jsonl:5: missing_field: 'last_trade_id' is required for heartbeat");
  }

  @Test
  void shouldReadALevel2SnapshotLongerThanTheOtherVenuesLineLimit() throws IOException {
    StringBuilder bids = new StringBuilder();
    for (int i = 0; bids.length() <= RecordedVenue.MAX_LINE_BYTES; i++) {
      bids.append(i == 0 ? "" : ",").append("[\"").append(100_000 - i).append(".5\",\"1\"]");
    }
    Path file =
        file(
            "deep.jsonl",
            "{\"type\":\"snapshot\",\"product_id\":\"BTC-USDT\",\"bids\":["
                + bids
                + "],\"asks\":[[\"100001\",\"2\"]]}\n");

    replay(
        coinbase(file),
        events ->
            assertThat(events)
                .extracting(Event::kind, Event::bidPrice)
                .containsExactly(
                    tuple(EventKind.BOOK_SNAPSHOT, price("100000.5")),
                    tuple(EventKind.QUOTE, price("100000.5"))));

    assertThat(feed.decodeRejects()).isZero();
  }

  private static long price(String decimal) {
    return FixedPoint.parse(decimal);
  }
}
