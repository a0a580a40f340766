package io.meltica.bench.efficiency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.meltica.bench.BenchPipelines;
import io.meltica.bench.HarnessSystem;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ParallelEfficiencyHarnessTest {
  @RegisterExtension
  static final HarnessSystem SYSTEM = new HarnessSystem(ParallelEfficiencyHarness.SETTINGS);

  @Test
  void shouldMeasureTheEfficiencyOfTheMeasuredFanOutsOnly() {
    ParallelEfficiencyHarness harness =
        new ParallelEfficiencyHarness(SYSTEM.system(), SYSTEM.config());

    EfficiencyResult result = harness.run(new EfficiencyScenario(2, Duration.ofMillis(1), 1, 3));

    // generous bounds: CPU time over wall time on a shared machine
    assertThat(result.efficiency()).isBetween(0.05, 1.5);
    assertThat(result.cores()).isEqualTo(Runtime.getRuntime().availableProcessors());
    assertThat(result.meanFanOutMillis()).isGreaterThan(0);
    assertThat(result.toJson())
        .containsEntry("subscribers", 2)
        .containsEntry("work_ms", 1.0)
        .containsEntry("measured_fan_outs", 3)
        .containsKeys("efficiency", "mean_fan_out_ms");
  }

  @Test
  void shouldRefuseAConfigurationThatDoesNotSampleEveryFanOut() {
    assertThatThrownBy(
            () -> new ParallelEfficiencyHarness(SYSTEM.system(), BenchPipelines.config("")))
        .hasMessageContaining("fan-out-sample-every = 1");
    assertThatThrownBy(() -> new EfficiencyScenario(0, Duration.ofMillis(1), 0, 1))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
