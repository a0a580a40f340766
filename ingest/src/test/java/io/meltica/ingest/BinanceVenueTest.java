package io.meltica.ingest;

import static org.assertj.core.api.Assertions.assertThat;

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
 * Binance recordings through {@code inputs()} and {@code fill} into pooled envelopes on an
 * ActorSystem: what each line becomes, the sample's gap and resync, rejected lines; no envelope
 * left in use (checked after each test by {@link ReplayTestSupport}).
 */
class BinanceVenueTest extends RecordedVenueTestSupport {
  @Override
  String venue() {
    return "binance";
  }

  @Override
  Class<?>[] loggingClasses() {
    return new Class<?>[] {BinanceVenue.class, BinanceBook.class};
  }

  private BinanceVenue binance(Path file) {
    return new BinanceVenue(file, ConfigFactory.load(), IDS, stats, feed);
  }

  @Test
  void shouldReplayTheSampleFindingOneGapAndOneResync() {
    replay(
        binance(example("binance-sample.jsonl")),
        events -> {
          assertThat(events).allSatisfy(e -> assertThat(e.venueId()).isEqualTo(BINANCE));
          List<Event> snapshots = of(events, BTC, EventKind.BOOK_SNAPSHOT);
          assertThat(snapshots)
              .extracting(Event::venueSequence, Event::bidPrice, Event::askPrice)
              .containsExactly(
                  org.assertj.core.groups.Tuple.tuple(1027026L, price("67011"), price("67012")),
                  org.assertj.core.groups.Tuple.tuple(1027031L, 0L, 0L),
                  org.assertj.core.groups.Tuple.tuple(1027040L, price("67011.5"), price("67012")));
          int staleAt = events.indexOf(snapshots.get(1));
          int resyncedAt = events.indexOf(snapshots.get(2));
          assertThat(events.subList(staleAt, resyncedAt))
              .as("no BTC quote while the book is stale")
              .noneMatch(e -> e.instrumentId() == BTC && e.kind() == EventKind.QUOTE);
          assertThat(of(events, ETH, EventKind.QUOTE))
              .as("snapshot, better bid, ticker, ask size")
              .hasSize(4);
        });

    assertThat(feed.messages()).isEqualTo(20);
    assertThat(feed.gaps()).isEqualTo(1);
    assertThat(feed.resyncs()).isEqualTo(1);
    assertThat(feed.decodeRejects()).isZero();
    assertThat(stats.accepted()).isEqualTo(20);
    assertThat(feedLines())
        .containsExactly(
            "binance BTC-USDT: sequence gap at line 11: expected U <= 1027032, got U=1027035"
                + " u=1027037; book stale until the next snapshot",
            "binance BTC-USDT: book resynced from the snapshot at line 16 (update id 1027040)");
  }

  @Test
  void shouldMapEachMessageTypeToTheEventFields() throws IOException {
    Path file =
        file(
            "fields.jsonl",
            """
            {"snapshot":"BTCUSDT","data":{"lastUpdateId":7,"bids":[["10.5","2"]],"asks":[["11","3"]]}}
            {"e":"trade","E":5,"s":"BTCUSDT","t":42,"p":"10.75","q":"0.5","T":4,"m":true}
            {"u":7,"s":"BTCUSDT","b":"10.5","B":"2","a":"11","A":"3"}
            {"e":"depthUpdate","E":6,"s":"BTCUSDT","U":8,"u":9,"b":[["10.5","0"]],"a":[]}
            """);
    long seed = ReplayVenue.traceSeed("fields.jsonl");

    replay(
        binance(file),
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
          assertThat(trade.venueSequence()).isEqualTo(42);
          assertThat(trade.eventTimeNanos()).isEqualTo(4_000_000L);
          assertThat(trade.price()).isEqualTo(price("10.75"));
          assertThat(trade.quantity()).isEqualTo(price("0.5"));
          assertThat(trade.side()).isEqualTo(Side.SELL);
          assertThat(trade.traceId()).isEqualTo(TraceIds.derive(seed, 2));
          Event ticker = events.get(3);
          assertThat(ticker.venueSequence()).isEqualTo(7);
          assertThat(ticker.bidSize()).isEqualTo(price("2"));
          assertThat(ticker.askPrice()).isEqualTo(price("11"));
          Event delta = events.get(4);
          assertThat(delta.venueSequence()).isEqualTo(9);
          assertThat(delta.eventTimeNanos()).isEqualTo(6_000_000L);
          assertThat(delta.side()).isEqualTo(Side.BUY);
          assertThat(delta.price()).isEqualTo(price("10.5"));
          assertThat(delta.quantity()).isZero();
          Event emptiedBid = events.get(5);
          assertThat(emptiedBid.bidPrice()).isZero();
          assertThat(emptiedBid.askSize()).isEqualTo(price("3"));
        });
  }

  @Test
  void shouldRejectABadLineWithFileLineAndReasonAndGoOn() throws IOException {
    Path file =
        file(
            "bad.jsonl",
            """
            {"e":"trade","s":"BTCUSDT","t":1,"p":"1","q":"1","T":0,"m":false}
            {"e":"trade","s":"DOGEUSDT","t":2,"p":"1","q":"1","T":0,"m":false}
            {"e":"trade","s":"BTCUSDT","t":3,"p":"1.000000001","q":"1","T":0,"m":false}

            {"e":"trade","s":"ETHUSDT","t":4,"p":"2","q":"1","T":0,"m":false}
            """);

    replay(
        binance(file),
        events -> assertThat(events).extracting(Event::venueSequence).containsExactly(1L, 4L));

    assertThat(stats.rejected(RejectReason.UNKNOWN_INSTRUMENT)).isEqualTo(1);
    assertThat(stats.rejected(RejectReason.BAD_NUMBER)).isEqualTo(1);
    assertThat(feed.decodeRejects()).isEqualTo(2);
    assertThat(feed.messages()).isEqualTo(2);
    assertThat(feedLines())
        .containsExactly(
            "Rejected line bad.jsonl:2: unknown_instrument: 's' \"DOGEUSDT\" is not mapped in"
                + " meltica.venue-symbols.binance",
            "Rejected line bad.jsonl:3: bad_number: 'p' has more than 8 decimals, got"
                + " 1.000000001");
  }

  private static long price(String decimal) {
    return FixedPoint.parse(decimal);
  }
}
