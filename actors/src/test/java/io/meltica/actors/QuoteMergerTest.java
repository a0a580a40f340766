package io.meltica.actors;

import static org.assertj.core.api.Assertions.assertThat;

import io.meltica.protocol.Event;
import io.meltica.protocol.EventKind;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class QuoteMergerTest {
  private static final int BTC = 1;
  private static final int ETH = 2;
  private static final int BINANCE = 1;
  private static final int OKX = 2;
  private static final int COINBASE = 3;
  private static final int KRAKEN = 4;
  private static final int INSTRUMENTS = 8;

  /** Expected venues deliberately not in id order: legs follow this order. */
  private final QuoteMerger merger = new QuoteMerger(List.of(OKX, BINANCE, COINBASE), INSTRUMENTS);

  private static Event quote(
      int venue, int instrument, long bid, long bidSize, long ask, long ask2) {
    return Event.standalone()
        .setKind(EventKind.QUOTE)
        .setVenueId(venue)
        .setInstrumentId(instrument)
        .setTopOfBook(bid, bidSize, ask, ask2);
  }

  /** Puts a partial held under its current generation. */
  private Event put(Event quote) {
    return merger.put(quote, quote.generation());
  }

  private static Event quote(int venue, int instrument) {
    return quote(venue, instrument, 100, 1, 101, 1);
  }

  @Test
  void shouldAcceptOnlyQuotesFromExpectedVenuesWithAnInstrument() {
    assertThat(merger.accepts(quote(BINANCE, BTC))).isTrue();
    assertThat(merger.accepts(quote(OKX, BTC))).isTrue();
    assertThat(merger.accepts(quote(COINBASE, ETH))).isTrue();

    assertThat(merger.accepts(quote(KRAKEN, BTC))).as("venue not expected").isFalse();
    assertThat(merger.accepts(quote(0, BTC))).as("no venue").isFalse();
    assertThat(merger.accepts(quote(BINANCE, 0))).as("no instrument").isFalse();
    assertThat(merger.accepts(quote(BINANCE, BTC).setKind(EventKind.TRADE))).isFalse();
    assertThat(merger.accepts(quote(BINANCE, BTC).setKind(EventKind.BOOK_SNAPSHOT))).isFalse();
    assertThat(merger.accepts(quote(BINANCE, BTC).setKind(EventKind.CONSOLIDATED_QUOTE))).isFalse();
  }

  @Test
  void shouldNotAcceptAnInstrumentOutsideTheRegistry() {
    assertThat(merger.accepts(quote(BINANCE, INSTRUMENTS))).isTrue();
    assertThat(merger.accepts(quote(BINANCE, INSTRUMENTS + 1))).isFalse();
    assertThat(merger.accepts(quote(BINANCE, 8_000_000))).isFalse();
    assertThat(merger.accepts(quote(BINANCE, -1))).isFalse();
    assertThat(merger.count(-1)).isZero();
  }

  @Test
  void shouldHandBackTheGenerationEachPartialArrivedWith() {
    Event first = quote(BINANCE, BTC);
    Event second = quote(BINANCE, BTC);
    Event okx = quote(OKX, BTC);
    merger.put(first, 11);
    assertThat(merger.put(second, 12)).isSameAs(first);
    assertThat(merger.replacedGeneration()).isEqualTo(11);
    merger.put(okx, 13);
    Event[] partials = new Event[3];
    long[] generations = new long[3];

    int moved = merger.merge(BTC, Event.standalone(), partials, generations);

    assertThat(moved).isEqualTo(2);
    assertThat(partials).containsExactly(okx, second, null);
    assertThat(generations).containsExactly(13, 12, 0);
  }

  @Test
  void shouldNotAcceptAVenueBetweenExpectedOnes() {
    QuoteMerger gaps = new QuoteMerger(List.of(BINANCE, COINBASE), INSTRUMENTS);

    assertThat(gaps.accepts(quote(OKX, BTC))).isFalse();
    assertThat(gaps.accepts(quote(COINBASE, BTC))).isTrue();
    assertThat(gaps.capacity()).isEqualTo(2);
  }

  @Test
  void shouldCountPartialsPerInstrumentAndCompleteWhenEveryVenueReported() {
    assertThat(merger.count(BTC)).isZero();
    assertThat(merger.count(1000)).as("instrument never seen").isZero();

    assertThat(put(quote(BINANCE, BTC))).isNull();
    assertThat(put(quote(OKX, BTC))).isNull();
    assertThat(put(quote(BINANCE, ETH))).isNull();

    assertThat(merger.count(BTC)).isEqualTo(2);
    assertThat(merger.count(ETH)).isEqualTo(1);
    assertThat(merger.isComplete(BTC)).isFalse();

    put(quote(COINBASE, BTC));

    assertThat(merger.isComplete(BTC)).isTrue();
    assertThat(merger.isComplete(ETH)).isFalse();
  }

  @Test
  void shouldReplaceThePartialOfTheSameVenueAndReturnTheReplacedOne() {
    Event first = quote(BINANCE, BTC, 100, 1, 101, 1);
    Event second = quote(BINANCE, BTC, 99, 2, 102, 2);

    assertThat(put(first)).isNull();
    assertThat(put(second)).isSameAs(first);
    assertThat(merger.count(BTC)).isEqualTo(1);

    Event merged = Event.standalone();
    Event[] out = new Event[merger.capacity()];
    assertThat(merger.merge(BTC, merged, out, new long[3])).isEqualTo(1);
    assertThat(out[0]).isSameAs(second);
    assertThat(merged.bidPrice()).isEqualTo(99);
  }

  @Test
  void shouldTakeTheHighestBidAndLowestAskAndSumSizesAtTheBestPrice() {
    put(quote(BINANCE, BTC, 100, 3, 105, 4));
    put(quote(OKX, BTC, 101, 2, 104, 1));
    put(quote(COINBASE, BTC, 101, 5, 104, 6));
    Event merged = Event.standalone();

    merger.merge(BTC, merged, new Event[3], new long[3]);

    assertThat(merged.kind()).isEqualTo(EventKind.CONSOLIDATED_QUOTE);
    assertThat(merged.instrumentId()).isEqualTo(BTC);
    assertThat(merged.bidPrice()).isEqualTo(101);
    assertThat(merged.bidSize()).as("OKX 2 + COINBASE 5 at 101").isEqualTo(7);
    assertThat(merged.askPrice()).isEqualTo(104);
    assertThat(merged.askSize()).as("OKX 1 + COINBASE 6 at 104").isEqualTo(7);
  }

  @Test
  void shouldIgnoreAnEmptySideWhenPickingTheBestPrice() {
    put(quote(BINANCE, BTC, 200, 0, 90, 0));
    put(quote(OKX, BTC, 100, 1, 0, 0));
    Event merged = Event.standalone();

    merger.merge(BTC, merged, new Event[3], new long[3]);

    assertThat(merged.bidPrice()).as("a bid of size 0 is no bid").isEqualTo(100);
    assertThat(merged.bidSize()).isEqualTo(1);
    assertThat(merged.askPrice()).as("nobody asks").isZero();
    assertThat(merged.askSize()).isZero();
    assertThat(merged.legCount()).as("empty quotes are still legs").isEqualTo(2);
  }

  @Test
  void shouldKeepEveryVenueAsALegInExpectedVenueOrder() {
    put(quote(COINBASE, BTC, 98, 3, 103, 4));
    put(quote(BINANCE, BTC, 100, 1, 101, 2));
    put(quote(OKX, BTC, 99, 5, 102, 6));
    Event merged = Event.standalone();

    merger.merge(BTC, merged, new Event[3], new long[3]);

    assertThat(merged.legCount()).isEqualTo(3);
    assertThat(List.of(merged.legVenueId(0), merged.legVenueId(1), merged.legVenueId(2)))
        .containsExactly(OKX, BINANCE, COINBASE);
    assertThat(merged.legBidPrice(0)).isEqualTo(99);
    assertThat(merged.legBidSize(0)).isEqualTo(5);
    assertThat(merged.legAskPrice(0)).isEqualTo(102);
    assertThat(merged.legAskSize(0)).isEqualTo(6);
    assertThat(merged.legBidPrice(2)).isEqualTo(98);
    assertThat(merged.legAskSize(2)).isEqualTo(4);
  }

  @Test
  void shouldTakeTraceAndIngestTimeOfTheEarliestPartialAndTheLatestEventTime() {
    put(quote(BINANCE, BTC).setIngestTimeNanos(500).setTraceId(0xB).setEventTimeNanos(7));
    put(quote(OKX, BTC).setIngestTimeNanos(300).setTraceId(0xA).setEventTimeNanos(9));
    put(quote(COINBASE, BTC).setIngestTimeNanos(400).setTraceId(0xC).setEventTimeNanos(8));
    Event merged = Event.standalone();

    merger.merge(BTC, merged, new Event[3], new long[3]);

    assertThat(merged.traceId()).isEqualTo(0xA);
    assertThat(merged.ingestTimeNanos()).isEqualTo(300);
    assertThat(merged.eventTimeNanos()).isEqualTo(9);
  }

  @Test
  void shouldNumberMergesWithAnIncreasingSequence() {
    List<Long> sequences = new ArrayList<>();
    for (int instrument : new int[] {BTC, ETH, BTC}) {
      put(quote(BINANCE, instrument));
      Event merged = Event.standalone();
      merger.merge(instrument, merged, new Event[3], new long[3]);
      sequences.add(merged.venueSequence());
    }

    assertThat(sequences).containsExactly(1L, 2L, 3L);
  }

  @Test
  void shouldMoveThePartialsOutAndCloseTheWindow() {
    Event binance = quote(BINANCE, BTC);
    Event coinbase = quote(COINBASE, BTC);
    Event other = quote(OKX, ETH);
    put(binance);
    put(coinbase);
    put(other);
    Event[] out = new Event[3];

    int moved = merger.merge(BTC, Event.standalone(), out, new long[3]);

    assertThat(moved).isEqualTo(2);
    assertThat(out).containsExactly(binance, coinbase, null);
    assertThat(merger.count(BTC)).isZero();
    assertThat(merger.count(ETH)).as("other windows stay open").isEqualTo(1);
    assertThat(put(quote(BINANCE, BTC))).as("the window starts afresh").isNull();
    assertThat(merger.count(BTC)).isEqualTo(1);
  }

  @Test
  void shouldDrainEveryWaitingPartialAndCloseEveryWindow() {
    Event a = quote(BINANCE, BTC);
    Event b = quote(OKX, BTC);
    Event c = quote(COINBASE, 7);
    put(a);
    put(b);
    put(c);
    List<Event> drained = new ArrayList<>();

    merger.drainAll((event, generation) -> drained.add(event));

    assertThat(drained).containsExactlyInAnyOrder(a, b, c);
    assertThat(merger.count(BTC)).isZero();
    assertThat(merger.count(7)).isZero();
    drained.clear();
    merger.drainAll((event, generation) -> drained.add(event));
    assertThat(drained).as("nothing twice").isEmpty();
  }
}
