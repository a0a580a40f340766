package io.meltica.bench.latency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.meltica.bench.HarnessSystem;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The latency harness at a low rate for a fraction of a second: every event reaches every
 * subscriber, the percentiles are in order and the pipeline ends with its pool idle (the harness
 * stops it and fails otherwise).
 */
class LatencyHarnessTest {
  @RegisterExtension static final HarnessSystem SYSTEM = new HarnessSystem("");

  private final LatencyHarness harness = new LatencyHarness(SYSTEM.system(), SYSTEM.config());

  @Test
  void shouldMeasureEveryEventOfTheWindowFromItsIntendedSendTime() {
    LatencyResult result =
        harness.run(
            LatencyScenario.uniform(2_000, 3, Duration.ofMillis(50), Duration.ofMillis(200)));

    assertThat(result.handlerStart().getTotalCount()).isEqualTo(400 * 3);
    assertThat(result.lastDone().getTotalCount()).isEqualTo(400);
    assertThat(result.undelivered()).isZero();
    assertThat(result.published()).isEqualTo(500);
    assertThat(result.poolPeakUtilization()).isGreaterThan(0);
    Map<String, Object> json = result.toJson();
    assertThat(json)
        .containsEntry("rate", 2_000L)
        .containsEntry("subscribers", 3)
        .containsEntry("scenario", "uniform")
        .containsKeys("p50_us", "p99_us", "p999_us", "max_us", "pool_peak_utilization")
        .doesNotContainKey("slow_handler_us");
    assertThat((double) json.get("p50_us")).isLessThanOrEqualTo((double) json.get("max_us"));
    assertThat((double) json.get("last_done_p50_us"))
        .isGreaterThanOrEqualTo((double) json.get("p50_us"));
  }

  @Test
  void shouldFeedThePoolBoundScenarioThroughTheDataBusAndCountMisses() {
    LatencyResult result =
        harness.run(
            LatencyScenario.uniform(2_000, 3, Duration.ofMillis(50), Duration.ofMillis(200))
                .viaDataBus());

    assertThat(result.handlerStart().getTotalCount()).isEqualTo(400 * 3);
    assertThat(result.undelivered()).isZero();
    assertThat(result.published()).isEqualTo(500);
    assertThat(result.toJson())
        .containsEntry("ingest", "data-bus")
        .containsEntry("pool_misses", 0L)
        .containsEntry("scenario", "uniform");
    assertThat(result.sendLag().getTotalCount()).as("every event's lag").isEqualTo(500);
  }

  @Test
  void shouldReportTheFastSubscribersApartFromTheSlowOne() {
    LatencyResult result =
        harness.run(
            LatencyScenario.oneSlow(
                1_000, 3, 20_000, Duration.ofMillis(20), Duration.ofMillis(100)));

    assertThat(result.handlerStart().getTotalCount()).isEqualTo(100 * 2);
    assertThat(result.slowHandlerStart().getTotalCount()).isEqualTo(100);
    assertThat(result.toJson())
        .containsEntry("scenario", "one-slow")
        .containsEntry("fast_subscribers", 2)
        .containsEntry("slow_handler_us", 20.0)
        .containsKeys("slow_subscriber_p99_us");
  }

  @Test
  void shouldParkTheWaitingSlowSubscriberAndReportTheFastOnesApart() {
    LatencyResult result =
        harness.run(
            LatencyScenario.oneSlowWaiting(
                1_000, 3, 200_000, Duration.ofMillis(20), Duration.ofMillis(100)));

    assertThat(result.handlerStart().getTotalCount()).isEqualTo(100 * 2);
    assertThat(result.toJson())
        .containsEntry("scenario", "one-slow-waiting")
        .containsEntry("slow_handler_us", 200.0);
    assertThat(result.slowHandlerStart().getTotalCount())
        .as("a 200 µs wait per event keeps up with 1,000 events/s: nothing dropped")
        .isEqualTo(100);
  }

  @Test
  void shouldWaitForASpinningSlowSubscriberInProportionToItsWork() {
    Duration measure = Duration.ofSeconds(20);
    LatencyScenario fast = LatencyScenario.uniform(100_000, 10, Duration.ofSeconds(3), measure);
    LatencyScenario spinning =
        LatencyScenario.oneSlow(100_000, 10, 17_000, Duration.ofSeconds(3), measure);
    LatencyScenario parking =
        LatencyScenario.oneSlowWaiting(100_000, 10, 1_000_000, Duration.ofSeconds(3), measure);

    assertThat(LatencyHarness.drainTimeout(fast)).isEqualTo(Duration.ofSeconds(60));
    assertThat(LatencyHarness.drainTimeout(parking))
        .as("it drops what it cannot take")
        .isEqualTo(Duration.ofSeconds(60));
    assertThat(LatencyHarness.drainTimeout(spinning))
        .as("60 s + twice 2.3 M events x 17 us")
        .isEqualTo(Duration.ofSeconds(60).plusNanos(2 * 2_300_000L * 17_000));
  }

  @Test
  void shouldRejectScenariosItCannotRun() {
    assertThatThrownBy(() -> LatencyScenario.uniform(1, 0, Duration.ZERO, Duration.ofSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () -> LatencyScenario.oneSlow(1, 1, 1_000, Duration.ZERO, Duration.ofSeconds(1)))
        .hasMessageContaining("at least one fast one");
  }
}
