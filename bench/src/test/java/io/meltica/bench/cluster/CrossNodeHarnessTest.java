package io.meltica.bench.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The cross-node benchmark at a low rate for a fraction of a second: two real nodes on loopback,
 * every event reaches every strategy on both nodes, latencies are measured on both sides, and both
 * pools end idle (the harness fails otherwise).
 */
class CrossNodeHarnessTest {

  @Test
  @SuppressWarnings("unchecked")
  void shouldMeasureLocalAndRemoteStrategiesWithoutLosingADelivery() {
    CrossNodePlan plan =
        new CrossNodePlan(
            4,
            1_000,
            Duration.ofSeconds(2), // past the first rebalance tick (1 s): placement settles
            List.of(1_000L),
            Duration.ofMillis(100),
            Duration.ofMillis(400),
            2_000,
            256);
    List<String> progress = new ArrayList<>();

    Map<String, Object> result = new CrossNodeHarness(plan, progress::add).run();

    assertThat((int) result.get("strategies_on_publishing_node"))
        .as("sharding spreads new shards over both regions")
        .isPositive();
    assertThat((int) result.get("strategies_on_other_node")).isPositive();
    // not a sum of exactly 4: a strategy the coordinator moved during the run counts on both
    Map<String, Object> latency = ((List<Map<String, Object>>) result.get("latency")).get(0);
    assertThat(latency)
        .containsEntry("rate", 1_000L)
        .containsEntry("deliveries", 500L * 4)
        .containsEntry("lost", 0L)
        .containsKeys("local_p50_us", "local_p99_us", "remote_p50_us", "remote_max_us");
    assertThat((double) latency.get("remote_p50_us"))
        .as("a socket hop and two serializations on the way")
        .isGreaterThan(0);
    Map<String, Object> throughput = (Map<String, Object>) result.get("throughput");
    assertThat(throughput).containsEntry("events", 2_000L).containsEntry("lost", 0L);
    assertThat((long) throughput.get("remote_deliveries_per_s")).isPositive();
    assertThat(progress).hasSize(2);
  }

  @Test
  void shouldRejectAnUnknownMode() {
    assertThatThrownBy(() -> CrossNodePlan.ofMode("fast")).hasMessageContaining("quick or full");
    assertThat(CrossNodePlan.ofMode("quick")).isEqualTo(CrossNodePlan.quick());
  }
}
