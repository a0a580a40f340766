package io.meltica.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.meltica.bench.efficiency.EfficiencyScenario;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A miniature plan through the harness main's run and write, and the plans it knows. */
class HarnessMainTest {

  @Test
  void shouldRunEveryScenarioOfThePlanAndWriteThemAsJson(@TempDir Path dir) throws Exception {
    HarnessPlan tiny =
        new HarnessPlan(
            Duration.ofMillis(50),
            1_000,
            Duration.ofMillis(20),
            Duration.ofMillis(100),
            3,
            List.of(1_000L, 2_000L),
            List.of(1_000L),
            List.of(2_000L),
            5, // not 100: a subscriber 100x slower than the feed takes 100x the run to drain
            Duration.ofNanos(10_000),
            List.of(new EfficiencyScenario(2, Duration.ofMillis(1), 1, 2)));
    List<String> progress = new ArrayList<>();

    Map<String, Object> results = HarnessMain.run(tiny, progress::add);
    Path file = dir.resolve("harness.json");
    HarnessMain.write(results, file);

    JsonNode json = new ObjectMapper().readTree(file.toFile());
    assertThat(json.path("latency")).hasSize(4);
    assertThat(json.path("latency").get(2).path("scenario").asText()).isEqualTo("one-slow");
    assertThat(json.path("latency").get(2).path("slow_handler_us").asDouble())
        .isGreaterThanOrEqualTo(10.0);
    assertThat(json.path("latency").get(3).path("scenario").asText()).isEqualTo("one-slow-waiting");
    assertThat(json.path("latency").get(3).path("slow_handler_us").asDouble())
        .as("5 x the period of 2,000 events/s")
        .isEqualTo(2_500.0);
    assertThat(json.path("parallel_efficiency")).hasSize(1);
    assertThat(progress).hasSize(5);
  }

  @Test
  void shouldKnowTheQuickAndFullPlansOnly() {
    assertThat(HarnessPlan.ofMode("quick")).isEqualTo(HarnessPlan.quick());
    assertThat(HarnessPlan.ofMode("full").measure()).isGreaterThan(HarnessPlan.quick().measure());
    assertThat(HarnessPlan.quick().rates()).containsExactly(10_000L, 50_000L, 100_000L);
    HarnessPlan at50k = HarnessPlan.quick().atRates(List.of(50_000L));
    assertThat(at50k.rates()).containsExactly(50_000L);
    assertThat(at50k.slowRates()).containsExactly(50_000L);
    assertThat(HarnessPlan.quick().atRates(List.of(10_000L)).waitingSlowRates()).isEmpty();
    assertThatThrownBy(() -> HarnessPlan.ofMode("slow")).hasMessageContaining("quick or full");
    assertThatThrownBy(
            () ->
                new HarnessPlan(
                    Duration.ZERO,
                    1,
                    Duration.ZERO,
                    Duration.ZERO,
                    1,
                    List.of(1L),
                    List.of(2L),
                    List.of(),
                    100,
                    Duration.ZERO,
                    List.of()))
        .hasMessageContaining("need a uniform run");
  }
}
