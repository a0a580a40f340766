package io.meltica.simulation;

import static org.assertj.core.api.Assertions.assertThat;

import io.meltica.leakcheck.LeakCheck;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.LogCapturingExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The engine on its own: the scenario's sample strategies (one panicky, one slow) through a real
 * pipeline fed by synthetic venues, one routing flip, and a report whose figures agree with each
 * other. What a user does with it is in the suites' {@code StrategySimulationTest}.
 */
@ExtendWith(LogCapturingExtension.class)
class SimulationTest {
  @RegisterExtension final LeakCheck leaks = LeakCheck.create();
  private final ActorTestKit testKit = ActorTestKit.create("SimulationTest");

  {
    leaks.watch(testKit.system());
  }

  @Test
  void shouldReportARunOfTheScenariosOwnStrategiesWhoseFiguresAgree() throws Exception {
    Scenario scenario =
        new Scenario(
            Duration.ofSeconds(2), 2_000, 2, 3, 4, 0.05, 1, 1, Duration.ofNanos(20_000), 7);
    List<Progress> progress = new CopyOnWriteArrayList<>();

    SimulationReport report =
        Simulation.of(scenario)
            .onProgress(progress::add)
            .onPipelineStarted(pipeline -> leaks.watch(pipeline.pool()))
            .run(testKit.system())
            .toCompletableFuture()
            .get();

    assertThat(report.problem()).as("leak, critical loss or misuse").isNull();
    assertThat(report.published().total())
        .isPositive()
        .isEqualTo(report.published().marketData() + report.published().critical());
    assertThat(report.critical().delivered()).isEqualTo(report.critical().expected());
    assertThat(report.failures().total()).as("the panicky strategy").isPositive();
    assertThat(report.failures().withTraceId()).isEqualTo(report.failures().total());
    assertThat(report.flips())
        .singleElement()
        .extracting(SimulationReport.FlipMark::version)
        .isEqualTo(2L);
    assertThat(report.pool().inUseAtEnd()).isZero();
    assertThat(report.latencyUs().count())
        .as("sampled: at most one per delivery")
        .isPositive()
        .isLessThanOrEqualTo(report.delivered().marketData() + report.delivered().critical());
    assertThat(report.counters()).containsKey("meltica.router.events{}");
    assertThat(
            report.counters().entrySet().stream()
                .filter(e -> e.getKey().startsWith("meltica.strategy.delivered{kind=critical,"))
                .mapToLong(Map.Entry::getValue)
                .sum())
        .as("the registry's per-strategy totals add up to the report's")
        .isEqualTo(report.delivered().critical());
    assertThat(report.timeline()).isNotEmpty();
    assertThat(progress).isNotEmpty();
  }
}
