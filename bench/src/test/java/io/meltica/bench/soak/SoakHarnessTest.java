package io.meltica.bench.soak;

import static org.assertj.core.api.Assertions.assertThat;

import io.meltica.bench.HarnessSystem;
import io.meltica.bench.PipelineRuns;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The soak at toy size: it publishes for the window, samples the heap and drains completely. */
class SoakHarnessTest {
  @RegisterExtension static final HarnessSystem SYSTEM = new HarnessSystem("");

  @Test
  void shouldSampleTheHeapAfterGcAndReportItsGrowthFromTheSecondSample() {
    Map<String, Object> soak =
        new SoakHarness(new PipelineRuns(SYSTEM.system(), SYSTEM.config()))
            .run(2_000, 3, Duration.ofMillis(900), Duration.ofMillis(200));

    assertThat((List<?>) soak.get("heap_after_gc_mb")).hasSizeGreaterThanOrEqualTo(3);
    assertThat(soak.get("heap_after_gc_growth_percent")).isNotNull();
    assertThat((long) soak.get("published_events")).isBetween(1_700L, 1_800L);
    assertThat(soak).containsEntry("pool_misses", 0L);
  }

  @Test
  void shouldMeasureGrowthFromTheSecondSampleToTheLast() {
    assertThat(SoakHarness.growthPercent(List.of(500.0, 100.0, 104.0, 110.0))).isEqualTo(10.0);
    assertThat(SoakHarness.growthPercent(List.of(500.0, 100.0))).isNull();
  }
}
