package io.meltica.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import io.meltica.protocol.Event;
import io.meltica.protocol.EventKind;
import io.meltica.protocol.ExecStatus;
import io.meltica.protocol.Side;
import io.meltica.protocol.TraceIds;
import java.io.IOException;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Good files, field by field, and the two example files. */
class ReplayVenueTest extends ReplayTestSupport {
  @Test
  void shouldFillEveryFieldOfEveryKind() throws IOException {
    Path file =
        file(
            "kinds.jsonl",
            """
            {"kind":"TRADE","venue":"binance","instrument":"BTC-USDT","seq":1004,"ts":1717236000011250000,"price":"67012.60","qty":"0.015","side":"BUY","trace_id":"4bf92f3577b34da6"}
            {"kind":"QUOTE","venue":"okx","instrument":"ETH-USDT","seq":7,"bid":3765.18,"bid_size":30,"ask":"3765.24","ask_size":"12.5"}
            {"kind":"BOOK_SNAPSHOT","venue":"coinbase","instrument":"SOL-USDT","bid":"164.30","bid_size":"88.25","ask":"164.33","ask_size":"41"}
            {"kind":"BOOK_DELTA","venue":"okx","instrument":"SOL-USDT","seq":9,"price":"164.318","qty":"0","side":"SELL"}
            {"kind":"EXEC_REPORT","venue":"binance","instrument":"ETH-USDT","order_id":700001,"status":"PARTIALLY_FILLED","side":"BUY","price":"3765.00","qty":"0.75","filled":"0.75","leaves":"1.25","target":4}
            """);
    long seed = ReplayVenue.traceSeed("kinds.jsonl");

    replay(
        file,
        events -> {
          assertThat(events).hasSize(5);
          Event trade = events.get(0);
          assertThat(trade.kind()).isEqualTo(EventKind.TRADE);
          assertHeader(trade, BINANCE, BTC, 1004, 1_717_236_000_011_250_000L, 0x4bf92f3577b34da6L);
          assertThat(trade.targetStrategyId()).isEqualTo(Event.NO_TARGET);
          assertThat(trade.price()).isEqualTo(6_701_260_000_000L);
          assertThat(trade.quantity()).isEqualTo(1_500_000L);
          assertThat(trade.side()).isEqualTo(Side.BUY);
          assertUnused(trade, false, true);

          Event quote = events.get(1);
          assertThat(quote.kind()).isEqualTo(EventKind.QUOTE);
          assertHeader(quote, OKX, ETH, 7, 0, TraceIds.derive(seed, 2));
          assertTopOfBook(
              quote, 376_518_000_000L, 3_000_000_000L, 376_524_000_000L, 1_250_000_000L);
          assertUnused(quote, true, true);

          Event snapshot = events.get(2);
          assertThat(snapshot.kind()).isEqualTo(EventKind.BOOK_SNAPSHOT);
          assertHeader(snapshot, COINBASE, SOL, 0, 0, TraceIds.derive(seed, 3));
          assertTopOfBook(
              snapshot, 16_430_000_000L, 8_825_000_000L, 16_433_000_000L, 4_100_000_000L);
          assertUnused(snapshot, true, true);

          Event delta = events.get(3);
          assertThat(delta.kind()).isEqualTo(EventKind.BOOK_DELTA);
          assertHeader(delta, OKX, SOL, 9, 0, TraceIds.derive(seed, 4));
          assertThat(delta.price()).isEqualTo(16_431_800_000L);
          assertThat(delta.quantity()).isZero();
          assertThat(delta.side()).isEqualTo(Side.SELL);
          assertUnused(delta, false, true);

          Event report = events.get(4);
          assertThat(report.kind()).isEqualTo(EventKind.EXEC_REPORT);
          assertHeader(report, BINANCE, ETH, 0, 0, TraceIds.derive(seed, 5));
          assertThat(report.targetStrategyId()).isEqualTo(4);
          assertThat(report.orderId()).isEqualTo(700_001);
          assertThat(report.execStatus()).isEqualTo(ExecStatus.PARTIALLY_FILLED);
          assertThat(report.side()).isEqualTo(Side.BUY);
          assertThat(report.price()).isEqualTo(376_500_000_000L);
          assertThat(report.quantity()).isEqualTo(75_000_000L);
          assertThat(report.filledQuantity()).isEqualTo(75_000_000L);
          assertThat(report.leavesQuantity()).isEqualTo(125_000_000L);
          assertUnused(report, false, false);
        });
    assertThat(stats.accepted()).isEqualTo(5);
    assertThat(stats.rejectedTotal()).isZero();
  }

  private static void assertHeader(
      Event event, int venue, int instrument, long seq, long ts, long traceId) {
    assertThat(event.venueId()).isEqualTo(venue);
    assertThat(event.instrumentId()).isEqualTo(instrument);
    assertThat(event.venueSequence()).isEqualTo(seq);
    assertThat(event.eventTimeNanos()).isEqualTo(ts);
    assertThat(event.traceId()).isEqualTo(traceId);
    assertThat(event.routingVersion()).as("stamped by the orchestrator, not the venue").isZero();
    assertThat(event.legCount()).isZero();
  }

  private static void assertTopOfBook(Event event, long bid, long bidSize, long ask, long askSize) {
    assertThat(List.of(event.bidPrice(), event.bidSize(), event.askPrice(), event.askSize()))
        .containsExactly(bid, bidSize, ask, askSize);
  }

  /** Fields the kind does not carry keep their reset values. */
  private static void assertUnused(Event event, boolean priceAndSide, boolean execFields) {
    if (priceAndSide) {
      assertThat(List.of(event.price(), event.quantity())).containsOnly(0L);
      assertThat(event.side()).isEqualTo(Side.NONE);
    }
    if (execFields) {
      assertThat(List.of(event.orderId(), event.filledQuantity(), event.leavesQuantity()))
          .containsOnly(0L);
      assertThat(event.execStatus()).isEqualTo(ExecStatus.NONE);
    }
    if (event.kind() != EventKind.QUOTE && event.kind() != EventKind.BOOK_SNAPSHOT) {
      assertTopOfBook(event, 0, 0, 0, 0);
    }
  }

  @Test
  void shouldReplayTheSampleExampleWithoutARejection() {
    Path sample = example("replay-sample.jsonl");
    long seed = ReplayVenue.traceSeed("replay-sample.jsonl");

    replay(
        sample,
        events -> {
          assertThat(events).hasSize(40);
          Map<EventKind, Long> kinds =
              events.stream()
                  .collect(
                      Collectors.groupingBy(
                          Event::kind,
                          () -> new EnumMap<>(EventKind.class),
                          Collectors.counting()));
          assertThat(kinds)
              .containsExactly(
                  Map.entry(EventKind.TRADE, 9L),
                  Map.entry(EventKind.QUOTE, 11L),
                  Map.entry(EventKind.BOOK_DELTA, 6L),
                  Map.entry(EventKind.BOOK_SNAPSHOT, 7L),
                  Map.entry(EventKind.EXEC_REPORT, 7L));
          assertThat(events).extracting(Event::venueId).containsOnly(BINANCE, OKX, COINBASE);
          assertThat(events).extracting(Event::instrumentId).containsOnly(BTC, ETH, SOL);
          assertThat(events).extracting(Event::eventTimeNanos).isSorted().doesNotHaveDuplicates();
          // Line 10 has JSON numbers, not strings: they must be exact too.
          Event okxTrade = events.get(9);
          assertThat(okxTrade.price()).isEqualTo(6_701_245_000_000L);
          assertThat(okxTrade.quantity()).isEqualTo(20_000_000L);
          assertThat(okxTrade.traceId()).isEqualTo(TraceIds.derive(seed, 10));
          assertThat(events.get(8).traceId()).isEqualTo(0x4bf92f3577b34da6L);
        });
    assertThat(stats.accepted()).isEqualTo(40);
    assertThat(stats.rejectedTotal()).isZero();
    assertThat(warnings.list).isEmpty();
  }

  /** The table at the top of the "Testing" section of docs/replay-format.md. */
  @Test
  void shouldReplayTheMixedExampleWithTheDocumentedCounts() {
    Map<String, Long> expected = new LinkedHashMap<>();
    expected.put("bad_json", 3L);
    expected.put("unknown_kind", 2L);
    expected.put("missing_field", 2L);
    expected.put("mistyped_field", 2L);
    expected.put("bad_number", 3L);
    expected.put("bad_value", 2L);
    expected.put("line_too_long", 1L);
    expected.put("unknown_instrument", 1L);
    expected.put("unknown_venue", 1L);

    replay(
        example("replay-mixed.jsonl"),
        events ->
            assertThat(events)
                .extracting(Event::venueSequence)
                .containsExactly(1001L, 1003L, 1004L, 1008L, 1010L, 880011L));
    assertThat(stats.rejectedByLabel()).containsExactlyEntriesOf(expected);
    assertThat(stats.rejectedTotal()).isEqualTo(17);
    assertThat(stats.accepted()).isEqualTo(6);
    assertThat(pool.acquiredCount()).as("nothing acquired for a rejected line").isEqualTo(6);

    assertThat(warnings.list).hasSize(17).allSatisfy(ReplayVenueTest::isShortOneLineWarning);
    assertThat(warnings.list)
        .extracting(ILoggingEvent::getFormattedMessage)
        .contains(
            "Rejected line replay-mixed.jsonl:9: missing_field: 'price' is required for TRADE",
            "Rejected line replay-mixed.jsonl:20: line_too_long: line is 70111 bytes, the limit is"
                + " 65536",
            "Rejected line replay-mixed.jsonl:22: unknown_venue: \"kraken\" is not a configured"
                + " venue");
  }

  private static void isShortOneLineWarning(ILoggingEvent warning) {
    assertThat(warning.getLevel()).isEqualTo(Level.WARN);
    assertThat(warning.getFormattedMessage())
        .startsWith("Rejected line replay-mixed.jsonl:")
        .hasSizeLessThan(300)
        .doesNotContain("\n", "\r");
  }

  @Test
  void shouldNameTheVenueAfterTheFile() {
    ReplayVenue venue = venue(dir.resolve("day-1.jsonl"));
    assertThat(venue.name()).isEqualTo("replay:day-1.jsonl");
    assertThat(venue.stats()).isSameAs(stats);
    assertThat(venue.path()).isEqualTo(dir.resolve("day-1.jsonl"));
  }
}
