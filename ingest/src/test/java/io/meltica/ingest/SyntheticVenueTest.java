package io.meltica.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.meltica.pool.EventPool;
import io.meltica.pool.PoolConfig;
import io.meltica.pool.RecycleReason;
import io.meltica.pool.Recycler;
import io.meltica.protocol.Event;
import io.meltica.protocol.EventKind;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SyntheticVenueTest {
  private final EventPool pool = new EventPool(PoolConfig.ofCapacity(16));
  private final Recycler recycler = pool.recycler();

  private SyntheticVenue venue(long seed, List<Integer> targets) {
    return new SyntheticVenue(
        new SyntheticVenue.Settings(
            2, "okx", List.of(1, 2, 3), 100, Duration.ofSeconds(1), seed, targets));
  }

  /** The next event of {@code venue}, in an envelope of this test's pool: the data bus's way. */
  private Event next(SyntheticVenue venue) {
    Event event = pool.acquire("test");
    venue.fill(SyntheticVenue.Tick.INSTANCE, event);
    return event;
  }

  @Test
  void shouldRepeatTheSameEventsForTheSameSeed() {
    assertThat(describe(venue(42, List.of(5)), 500))
        .isEqualTo(describe(venue(42, List.of(5)), 500))
        .isNotEqualTo(describe(venue(43, List.of(5)), 500));
  }

  @Test
  void shouldMixQuotesTradesBookDeltasAndExecutionReportsForTheTargets() {
    SyntheticVenue venue = venue(1, List.of(7, 8));
    Map<EventKind, Integer> kinds = new EnumMap<>(EventKind.class);

    for (int i = 0; i < 10_000; i++) {
      Event event = next(venue);
      kinds.merge(event.kind(), 1, Integer::sum);
      assertThat(event.venueId()).isEqualTo(2);
      assertThat(event.instrumentId()).isBetween(1, 3);
      assertThat(event.ingestTimeNanos()).isNotZero();
      if (event.kind() == EventKind.EXEC_REPORT) {
        assertThat(event.targetStrategyId()).isIn(7, 8);
        assertThat(event.filledQuantity() + event.leavesQuantity()).isPositive();
      } else if (event.kind() == EventKind.QUOTE) {
        assertThat(event.bidPrice()).isLessThan(event.askPrice());
      }
      recycler.recycle(event, event.generation(), RecycleReason.STRATEGY_HANDLED);
    }

    assertThat(kinds.get(EventKind.QUOTE)).isBetween(5_000, 6_000);
    assertThat(kinds.get(EventKind.TRADE)).isBetween(2_500, 3_500);
    assertThat(kinds.get(EventKind.BOOK_DELTA)).isBetween(1_000, 1_800);
    assertThat(kinds.get(EventKind.EXEC_REPORT)).isBetween(50, 150);
    assertThat(pool.inUse()).isZero();
  }

  @Test
  void shouldSendNoExecutionReportWithoutTargets() {
    SyntheticVenue venue = venue(1, List.of());
    for (int i = 0; i < 2_000; i++) {
      Event event = next(venue);
      assertThat(event.kind()).isNotEqualTo(EventKind.EXEC_REPORT);
      recycler.recycle(event, event.generation(), RecycleReason.STRATEGY_HANDLED);
    }
    assertThat(venue.name()).isEqualTo("okx");
  }

  @Test
  void shouldRejectAVenueWithoutInstrumentsOrRate() {
    assertThatThrownBy(
            () ->
                new SyntheticVenue.Settings(
                    1, "v", List.of(), 10, Duration.ofSeconds(1), 1, List.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("instruments");
  }

  private List<String> describe(SyntheticVenue venue, int count) {
    List<String> events = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      Event event = next(venue);
      events.add(
          event.kind() + "/" + event.instrumentId() + "/" + event.price() + "/" + event.bidPrice());
      recycler.recycle(event, event.generation(), RecycleReason.STRATEGY_HANDLED);
    }
    return events;
  }
}
