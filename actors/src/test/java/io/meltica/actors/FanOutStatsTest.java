package io.meltica.actors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.meltica.protocol.EventKind;
import java.util.ArrayList;
import java.util.List;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

class FanOutStatsTest {
  @Test
  void shouldSampleNothingWhenSampleEveryIsZero() {
    FanOutStats stats = new FanOutStats(0, 4);
    FanOutStats.Sampler sampler = stats.newSampler();

    assertThat(sampler.begin(3, 100)).isZero();
    assertThat(stats.efficiencySamples()).isZero();
    assertThat(stats.parallelEfficiency()).isNaN();
  }

  @Test
  void shouldSampleOneFanOutInSampleEveryStartingWithTheFirst() {
    FanOutStats stats = new FanOutStats(3, 4);
    FanOutStats.Sampler sampler = stats.newSampler();
    List<Long> sequences = new ArrayList<>();

    for (int i = 0; i < 7; i++) {
      sequences.add(sampler.begin(2, i));
    }

    assertThat(sequences).containsExactly(1L, 0L, 0L, 2L, 0L, 0L, 3L);
  }

  @Test
  void shouldGiveEveryRoutersSamplesTheirOwnSequenceAndCountEachRoutersFanOutsApart() {
    FanOutStats stats = new FanOutStats(2, 4);
    FanOutStats.Sampler first = stats.newSampler();
    FanOutStats.Sampler second = stats.newSampler();

    long a = first.begin(1, 0);
    long b = second.begin(1, 0);
    assertThat(first.begin(1, 0)).as("first's second fan-out").isZero();
    long c = first.begin(1, 0);

    assertThat(List.of(a, b, c)).containsExactly(1L, 2L, 3L);
    stats.complete(b, 10, 20);
    assertThat(stats.efficiencySamples()).isEqualTo(1);
  }

  @Test
  void shouldNotCountAFanOutToNobody() {
    FanOutStats stats = new FanOutStats(2, 4);
    FanOutStats.Sampler sampler = stats.newSampler();

    assertThat(sampler.begin(0, 1)).isZero();
    assertThat(sampler.begin(1, 1)).as("still the first fan-out").isEqualTo(1);
  }

  @Test
  void shouldRecordEfficiencyWhenTheLastRecipientCompletes() {
    FanOutStats stats = new FanOutStats(1, 4);
    FanOutStats.Sampler sampler = stats.newSampler();
    long sequence = sampler.begin(2, 1_000);

    stats.complete(sequence, 100, 2_000);
    assertThat(stats.efficiencySamples()).as("one recipient still busy").isZero();
    stats.complete(sequence, 300, 3_000);

    assertThat(stats.efficiencySamples()).isEqualTo(1);
    assertThat(stats.parallelEfficiency())
        .as("(100 + 300) / (wall 2000 x 2 recipients)")
        .isCloseTo(0.1, within(1e-9));
  }

  @Test
  void shouldReportEfficiencyPerWindowAndStartAfreshAfterEachTake() {
    FanOutStats stats = new FanOutStats(1, 4);
    FanOutStats.Sampler sampler = stats.newSampler();
    long first = sampler.begin(1, 0);
    stats.complete(first, 500, 1_000);
    assertThat(stats.takeParallelEfficiency()).isCloseTo(0.5, within(1e-9));
    assertThat(stats.takeParallelEfficiency()).as("nothing since").isNaN();

    long second = sampler.begin(1, 0);
    stats.complete(second, 1_000, 1_000);

    assertThat(stats.takeParallelEfficiency()).isCloseTo(1.0, within(1e-9));
    assertThat(stats.parallelEfficiency()).as("cumulative").isCloseTo(0.75, within(1e-9));
  }

  @Test
  void shouldCountNoMoreCoresThanTheMachineHas() {
    FanOutStats stats = new FanOutStats(1, 2);
    FanOutStats.Sampler sampler = stats.newSampler();
    long sequence = sampler.begin(4, 0);

    for (int i = 0; i < 4; i++) {
      stats.complete(sequence, 500, 1_000);
    }

    assertThat(stats.parallelEfficiency())
        .as("2000 / (1000 x 2 cores)")
        .isCloseTo(1.0, within(1e-9));
    assertThat(stats.cores()).isEqualTo(2);
  }

  @Test
  void shouldAddUpEfficiencyOverSamples() {
    FanOutStats stats = new FanOutStats(1, 8);
    FanOutStats.Sampler sampler = stats.newSampler();
    long first = sampler.begin(1, 0);
    long second = sampler.begin(1, 0);

    stats.complete(first, 100, 100);
    stats.complete(second, 0, 300);

    assertThat(stats.efficiencySamples()).isEqualTo(2);
    assertThat(stats.parallelEfficiency()).as("100 / (100 + 300)").isCloseTo(0.25, within(1e-9));
  }

  @Test
  void shouldIgnoreCompletionsOfAnUnknownOrAbandonedSample() {
    FanOutStats stats = new FanOutStats(1, 4);
    FanOutStats.Sampler sampler = stats.newSampler();
    long abandoned = sampler.begin(1, 0);
    stats.complete(abandoned + 5, 10, 10);
    for (int i = 0; i < 1024; i++) {
      sampler.begin(2, 0); // the ring comes round: the slot of `abandoned` is reused
    }

    stats.complete(abandoned, 10, 10);

    assertThat(stats.efficiencySamples()).isZero();
    assertThat(stats.parallelEfficiency()).isNaN();
  }

  @Test
  void shouldRecordDispatchLatency() {
    FanOutStats stats = new FanOutStats(1, 4);

    stats.dispatched(1_000);
    stats.dispatched(3_000);

    assertThat(stats.dispatchLatency().take().getTotalCount()).isEqualTo(2);
  }

  @Test
  void shouldRecordPublishLatencyUnderTheEventsKind() {
    FanOutStats stats = new FanOutStats(1, 4);

    stats.published(EventKind.TRADE, 10_000);
    stats.published(EventKind.CONSOLIDATED_QUOTE, 50_000_000);
    stats.published(EventKind.EXEC_REPORT, 20_000);

    assertThat(stats.publishLatency(EventKind.TRADE).total().getTotalCount()).isEqualTo(1);
    assertThat(stats.publishLatency(EventKind.EXEC_REPORT).total().getTotalCount()).isEqualTo(1);
    assertThat(stats.publishLatency(EventKind.QUOTE).total().getTotalCount()).isZero();
    Histogram consolidated = stats.publishLatency(EventKind.CONSOLIDATED_QUOTE).total();
    assertThat(consolidated.getTotalCount()).isEqualTo(1);
    assertThat(consolidated.getMaxValue()).isBetween(49_900_000L, 50_100_000L);
  }

  @Test
  void shouldKeepConsolidatedQuotesOutOfTheDistributorView() {
    FanOutStats stats = new FanOutStats(1, 4);
    LatencyWindow.Reader distributor = stats.distributorLatency().newReader();

    stats.published(EventKind.TRADE, 10_000);
    stats.published(EventKind.BOOK_DELTA, 12_000);
    stats.published(EventKind.CONTROL_ACK, 30_000);
    stats.published(EventKind.CONSOLIDATED_QUOTE, 50_000_000);

    Histogram view = stats.distributorLatency().total();
    assertThat(view.getTotalCount()).as("all but the consolidated quote").isEqualTo(3);
    assertThat(view.getMaxValue()).isBetween(29_900L, 30_100L);
    assertThat(distributor.next().getTotalCount()).isEqualTo(3);
    assertThat(stats.publishLatency().total().getTotalCount()).as("every kind").isEqualTo(4);
    assertThat(FanOutStats.isDistributorKind(EventKind.CONSOLIDATED_QUOTE)).isFalse();
    assertThat(FanOutStats.isDistributorKind(EventKind.QUOTE)).isTrue();
  }

  @Test
  void shouldTimeOneMarketDataDeliveryInNFirstIncludedAndEveryCriticalOne() {
    FanOutStats.LatencySampler sampler = new FanOutStats(0, 4, 4).newLatencySampler();

    StringBuilder trades = new StringBuilder();
    for (int i = 0; i < 9; i++) {
      trades.append(sampler.shouldTime(EventKind.TRADE) ? 'x' : '.');
      assertThat(sampler.shouldTime(EventKind.EXEC_REPORT))
          .as("critical, after trade %d", i)
          .isTrue();
    }

    assertThat(trades).hasToString("x...x...x");
    assertThat(new FanOutStats(0, 4).newLatencySampler().shouldTime(EventKind.QUOTE))
        .as("the default times every delivery")
        .isTrue();
    assertThatThrownBy(() -> new FanOutStats(0, 4, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("latencySampleEvery");
  }
}
