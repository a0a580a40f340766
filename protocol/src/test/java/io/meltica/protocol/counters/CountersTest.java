package io.meltica.protocol.counters;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class CountersTest {
  private final Counters counters = new Counters();

  @Test
  void shouldHandAFollowerEveryMetricOnceWhetherRegisteredBeforeOrAfterIt() {
    counters.counter("meltica.a", () -> 1);
    List<String> seen = new ArrayList<>();

    counters.follow(metric -> seen.add(metric.name() + metric.labels()));
    counters.gauge("meltica.b", Map.of("x", "1"), () -> 2.5);

    assertThat(seen).containsExactly("meltica.a{}", "meltica.b{x=1}");
    assertThat(counters.all()).extracting(Metric::name).containsExactly("meltica.a", "meltica.b");
  }

  @Test
  void shouldReadTotalsWhenAsked() {
    AtomicLong events = new AtomicLong();
    counters.counter("meltica.events", events::get);
    counters.counter("meltica.delivered", Map.of("strategy", "1"), () -> 3);
    counters.counter("meltica.delivered", Map.of("strategy", "2"), () -> 4);

    events.set(7);

    assertThat(counters.total("meltica.events")).isEqualTo(7);
    assertThat(counters.sum("meltica.delivered")).isEqualTo(7);
    assertThat(counters.total("meltica.unknown")).isZero();
  }

  @Test
  void shouldRefuseTheSameNameAndLabelsTwiceNamingThem() {
    counters.counter("meltica.a", Map.of("reason", "x"), () -> 1);

    assertThatThrownBy(() -> counters.counter("meltica.a", Map.of("reason", "x"), () -> 2))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("meltica.a{reason=x}");
    assertThatThrownBy(() -> counters.counter(" ", () -> 2))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void shouldKeyAMetricByNameAndLabelsInLabelOrderWhateverTheMapsOrder() {
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put("strategy", "3");
    labels.put("kind", "critical");
    counters.counter("meltica.delivered", labels, () -> 1);

    assertThat(counters.all().get(0).key())
        .isEqualTo("meltica.delivered{kind=critical,strategy=3}");
    assertThat(new Metric.Counter("meltica.events", Map.of(), () -> 0).key())
        .isEqualTo("meltica.events{}");
    assertThatThrownBy(
            () ->
                counters.counter(
                    "meltica.delivered", Map.of("kind", "critical", "strategy", "3"), () -> 2))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void shouldGiveEachHistogramReaderItsOwnWindow() {
    AtomicLong recorded = new AtomicLong();
    counters.histogram(
        "meltica.latency",
        Map.of(),
        () -> {
          long[] seen = {0};
          return sink -> {
            long now = recorded.get();
            if (now > seen[0]) {
              sink.record(1_000, now - seen[0]);
              seen[0] = now;
            }
          };
        });
    Metric.Histogram histogram = (Metric.Histogram) counters.all().get(0);
    Metric.Window first = histogram.windows().get();
    Metric.Window second = histogram.windows().get();
    recorded.set(3);
    long[] counts = new long[2];

    first.readSince((nanos, count) -> counts[0] += count);
    second.readSince((nanos, count) -> counts[1] += count);
    first.readSince((nanos, count) -> counts[0] += count);

    assertThat(counts).containsExactly(3, 3);
  }
}
