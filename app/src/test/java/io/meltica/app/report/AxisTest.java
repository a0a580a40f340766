package io.meltica.app.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class AxisTest {

  @Test
  void shouldWidenToRoundTicks() {
    Axis axis = Axis.linear("events/s", 0, 11_800);

    assertThat(axis.min()).isZero();
    assertThat(axis.max()).isEqualTo(12_000);
    assertThat(labels(axis)).containsExactly("0", "2k", "4k", "6k", "8k", "10k", "12k");
  }

  @Test
  void shouldUseDecimalsOnlyWhenTheStepNeedsThem() {
    assertThat(labels(Axis.linear("s", 0, 2))).containsExactly("0", "0.5", "1.0", "1.5", "2.0");
    assertThat(labels(Axis.linear("µs", 0, 95)))
        .containsExactly("0", "20", "40", "60", "80", "100");
    assertThat(labels(Axis.linear("events", 0, 3_400_000)))
        .containsExactly("0", "0.5M", "1.0M", "1.5M", "2.0M", "2.5M", "3.0M", "3.5M");
  }

  @Test
  void shouldGiveADegenerateRangeAUnitSpan() {
    Axis single = Axis.linear("t", 3, 3);
    Axis unmeasured = Axis.linear("t", Double.NaN, Double.POSITIVE_INFINITY);

    assertThat(single.min()).isEqualTo(3);
    assertThat(single.max()).isEqualTo(4);
    assertThat(unmeasured.min()).isZero();
    assertThat(unmeasured.max()).isEqualTo(1);
  }

  @Test
  void shouldNotPrintNegativeZero() {
    assertThat(labels(Axis.linear("t", -2, 2))).contains("0").doesNotContain("-0");
  }

  @Test
  void shouldScaleOntoALength() {
    Axis axis = Axis.linear("t", 0, 10);

    assertThat(axis.scale(2.5, 200)).isCloseTo(50, within(1e-9));
  }

  @Test
  void shouldRejectAnEmptyRange() {
    assertThatThrownBy(() -> new Axis("t", 1, 1, List.of()))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void shouldPlaceNinesEvenly() {
    assertThat(ReportCharts.nines(90)).isCloseTo(1, within(1e-9));
    assertThat(ReportCharts.nines(99.9)).isCloseTo(3, within(1e-9));
    assertThat(ReportCharts.nines(100)).isInfinite();
  }

  @Test
  void shouldSpanCountsInDecades() {
    Axis axis = Axis.counts("events", 23_800);
    Axis huge = Axis.counts("events", 2e17);

    assertThat(labels(axis)).containsExactly("0", "10", "100", "1k", "10k", "100k");
    assertThat(axis.max()).isCloseTo(Axis.logCount(100_000), within(1e-12));
    assertThat(labels(huge)).containsExactly("0", "1k", "1M", "1G", "1T", "1P", "1E");
    assertThat(labels(Axis.counts("events", 0))).containsExactly("0", "10");
  }

  @Test
  void shouldEscapeMarkup() {
    assertThat(SvgChart.escape("<a href='x'>\"&\"</a>"))
        .isEqualTo("&lt;a href=&#39;x&#39;&gt;&quot;&amp;&quot;&lt;/a&gt;");
  }

  private static List<String> labels(Axis axis) {
    return axis.ticks().stream().map(Axis.Tick::label).toList();
  }
}
