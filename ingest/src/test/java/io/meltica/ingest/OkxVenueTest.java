package io.meltica.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import com.typesafe.config.ConfigFactory;
import io.meltica.protocol.Event;
import io.meltica.protocol.EventKind;
import io.meltica.protocol.FixedPoint;
import io.meltica.protocol.Side;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * OKX recordings through {@code inputs()} and {@code fill} into pooled envelopes on an ActorSystem:
 * the sample's gap and checksum failure, each with its stale mark and resync, rejected lines; no
 * envelope left in use (checked after each test by {@link ReplayTestSupport}).
 */
class OkxVenueTest extends RecordedVenueTestSupport {
  @Override
  String venue() {
    return "okx";
  }

  @Override
  Class<?>[] loggingClasses() {
    return new Class<?>[] {OkxVenue.class, OkxBook.class};
  }

  private OkxVenue okx(Path file) {
    return new OkxVenue(file, ConfigFactory.load(), IDS, stats, feed);
  }

  @Test
  void shouldReplayTheSampleWithItsGapAndChecksumFailureEachResynced() {
    replay(
        okx(example("okx-sample.jsonl")),
        events -> {
          assertThat(events).hasSize(24);
          assertThat(events).allSatisfy(e -> assertThat(e.venueId()).isEqualTo(OKX));
          assertThat(of(events, BTC, EventKind.BOOK_SNAPSHOT))
              .extracting(Event::venueSequence, Event::bidPrice, Event::askPrice)
              .containsExactly(
                  tuple(10L, price("8476.97"), price("8476.98")),
                  tuple(5L, 0L, 0L),
                  tuple(20L, price("8476.97"), price("8476.98")));
          List<Event> eth = of(events, ETH, EventKind.BOOK_SNAPSHOT);
          assertThat(eth)
              .extracting(Event::venueSequence, Event::bidPrice, Event::askPrice)
              .containsExactly(
                  tuple(100L, price("3366.1"), price("3366.8")),
                  tuple(101L, 0L, 0L),
                  tuple(200L, price("3366.1"), price("3366.8")));
          List<Event> btc = of(events, BTC, EventKind.BOOK_SNAPSHOT);
          assertThat(events.subList(events.indexOf(btc.get(1)), events.indexOf(btc.get(2))))
              .as("no BTC quote or delta while its book is stale")
              .noneMatch(
                  e ->
                      e.instrumentId() == BTC
                          && (e.kind() == EventKind.QUOTE || e.kind() == EventKind.BOOK_DELTA));
          assertThat(events.subList(events.indexOf(eth.get(1)), events.indexOf(eth.get(2))))
              .as("the update whose checksum failed is not published")
              .noneMatch(e -> e.instrumentId() == ETH && e.kind() == EventKind.BOOK_DELTA);
          assertThat(of(events, ETH, EventKind.QUOTE).get(2))
              .as("after the resync, the update with OKX's deprecated checksum 0 is applied")
              .extracting(Event::bidPrice, Event::bidSize)
              .containsExactly(price("3366.2"), price("1.5"));
          assertThat(events.stream().filter(e -> e.kind() == EventKind.TRADE))
              .extracting(Event::venueSequence, Event::side, Event::price)
              .containsExactly(
                  tuple(130639474L, Side.BUY, price("8476.98")),
                  tuple(5550001L, Side.SELL, price("3366.1")),
                  tuple(130639475L, Side.BUY, price("8476.98")),
                  tuple(130639476L, Side.SELL, price("8476.97")));
        });

    assertThat(feed.messages()).isEqualTo(17);
    assertThat(feed.gaps()).isEqualTo(1);
    assertThat(feed.checksumFailures()).isEqualTo(1);
    assertThat(feed.resyncs()).isEqualTo(2);
    assertThat(feed.decodeRejects()).isZero();
    assertThat(feedLines())
        .containsExactly(
            "okx BTC-USDT: sequence gap at line 8: expected prevSeqId 5, got prevSeqId=7 seqId=9;"
                + " book stale until the next snapshot",
            "okx BTC-USDT: book resynced from the snapshot at line 11 (seqId 20)",
            "okx ETH-USDT: checksum mismatch at line 13 (seqId 101): expected 123456789, computed"
                + " 1740768402; book stale until the next snapshot",
            "okx ETH-USDT: book resynced from the snapshot at line 15 (seqId 200)");
  }

  @Test
  void shouldRejectABadLineWithFileLineAndReasonAndGoOn() throws IOException {
    Path file =
        file(
            "bad.jsonl",
            """
            {"arg":{"channel":"trades","instId":"BTC-USDT"},"data":[{"instId":"BTC-USDT","tradeId":"1","px":"1","sz":"1","side":"buy","ts":"1"}]}
            {"event":"subscribe","arg":{"channel":"trades","instId":"BTC-USDT"},"connId":"a4d3ae55"}
            {"arg":{"channel":"trades","instId":"ETH-USDT"},"data":[{"instId":"ETH-USDT","tradeId":"2","px":"2","sz":"1","side":"buy","ts":"1"}]}
            """);

    replay(
        okx(file),
        events -> assertThat(events).extracting(Event::venueSequence).containsExactly(1L, 2L));

    assertThat(stats.rejected(RejectReason.UNKNOWN_KIND)).isEqualTo(1);
    assertThat(feed.decodeRejects()).isEqualTo(1);
    assertThat(feed.messages()).isEqualTo(2);
    assertThat(feedLines())
        .containsExactly(
            "Rejected line bad.jsonl:2: unknown_kind: 'event' \"subscribe\": only pushes of the"
                + " trades and books channels are replayed");
  }

  private static long price(String decimal) {
    return FixedPoint.parse(decimal);
  }
}
