package io.meltica.actors;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

class LatencyWindowTest {
  private final LatencyWindow window = new LatencyWindow();

  @Test
  void shouldReturnWhatWasRecordedSinceTheLastTake() {
    window.record(1_000);
    window.record(2_000);
    window.record(3_000);

    Histogram first = window.take();
    window.record(5_000);
    Histogram second = window.take();
    Histogram third = window.take();

    assertThat(first.getTotalCount()).isEqualTo(3);
    assertThat(first.getMaxValue()).isBetween(2_990L, 3_010L);
    assertThat(second.getTotalCount()).isEqualTo(1);
    assertThat(second.getMinValue()).isBetween(4_990L, 5_010L);
    assertThat(third.getTotalCount()).isZero();
  }

  @Test
  void shouldCountEverythingRecordedInTheTotalWhetherTakenOrNot() {
    window.record(10);
    window.take();
    window.record(20);
    window.record(30);

    assertThat(window.total().getTotalCount()).isEqualTo(3);
    assertThat(window.take().getTotalCount()).as("the total does not consume windows").isEqualTo(2);
  }

  @Test
  void shouldGiveEachReaderItsOwnWindows() {
    window.record(10);
    LatencyWindow.Reader progress = window.newReader();
    LatencyWindow.Reader exporter = window.newReader();
    window.record(20);

    assertThat(progress.next().getTotalCount()).isEqualTo(1);
    window.record(30);
    assertThat(exporter.next().getTotalCount()).as("both values since it was made").isEqualTo(2);
    assertThat(progress.next().getTotalCount()).isEqualTo(1);
    assertThat(window.take().getTotalCount()).as("the default reader saw all three").isEqualTo(3);
  }

  @Test
  void shouldHandOutACopyOfTheTotal() {
    window.record(10);
    window.take();

    window.total().recordValue(1);

    assertThat(window.total().getTotalCount()).isEqualTo(1);
  }

  @Test
  void shouldClampNegativeAndHugeValues() {
    window.record(-5);
    window.record(Long.MAX_VALUE);

    Histogram taken = window.take();

    assertThat(taken.getTotalCount()).isEqualTo(2);
    assertThat(taken.getMinValue()).isZero();
    assertThat(taken.getMaxValue()).isBetween(59_900_000_000L, 60_100_000_000L);
  }

  @Test
  void shouldReadAUnionOfWindowsAsOne() {
    LatencyWindow other = new LatencyWindow();
    LatencyWindow.Union union = new LatencyWindow.Union(List.of(window, other));
    window.record(1_000);
    LatencyWindow.Reader reader = union.newReader();
    window.record(2_000);
    other.record(900_000);

    Histogram first = reader.next();
    other.record(3_000);
    Histogram second = reader.next();

    assertThat(first.getTotalCount()).as("both parts since the reader was made").isEqualTo(2);
    assertThat(first.getMaxValue()).isBetween(899_000L, 901_000L);
    assertThat(second.getTotalCount()).isEqualTo(1);
    assertThat(reader.next().getTotalCount()).isZero();
    assertThat(union.total().getTotalCount()).isEqualTo(4);
    assertThat(window.take().getTotalCount()).as("the parts' own readers are apart").isEqualTo(2);
  }
}
