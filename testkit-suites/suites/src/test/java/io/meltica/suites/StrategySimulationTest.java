package io.meltica.suites;

import static org.assertj.core.api.Assertions.assertThat;

import io.meltica.actors.EventHandler;
import io.meltica.actors.StrategySpec;
import io.meltica.protocol.EventKind;
import io.meltica.simulation.Progress;
import io.meltica.simulation.Scenario;
import io.meltica.simulation.Simulation;
import io.meltica.simulation.SimulationReport;
import io.meltica.testkit.MelticaTestKit;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.pekko.actor.testkit.typed.javadsl.LogCapturingExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What a strategy author does with the testkit: run the default scenario (venues, flaky and slow
 * neighbours, a routing flip) against their own strategy and assert on the report.
 */
@ExtendWith(LogCapturingExtension.class)
class StrategySimulationTest {
  @RegisterExtension final MelticaTestKit meltica = MelticaTestKit.create();

  /** A user's strategy: counts fills addressed to it, keeps the last consolidated mid. */
  static final class FillCounter implements EventHandler {
    static final AtomicLong FILLS = new AtomicLong();
    private long lastMid;

    @Override
    public void onEvent(io.meltica.protocol.Event event, io.meltica.actors.StrategyContext ctx) {
      if (event.kind() == EventKind.EXEC_REPORT) {
        FILLS.incrementAndGet();
      } else if (event.kind() == EventKind.CONSOLIDATED_QUOTE) {
        lastMid = (event.bidPrice() + event.askPrice()) / 2;
      }
    }
  }

  @Test
  void shouldRunTheDefaultScenarioAgainstAUserStrategyCleanly() throws Exception {
    Scenario scenario =
        new Scenario(
            Duration.ofSeconds(2), 3_000, 3, 5, 4, 0.1, 1, 1, Duration.ofNanos(50_000), 42);
    List<Progress> progress = new CopyOnWriteArrayList<>();

    SimulationReport report =
        Simulation.of(scenario)
            .withStrategy(StrategySpec.of("fill-counter", FillCounter::new))
            .onProgress(
                p -> {
                  progress.add(p);
                  System.out.println("PROGRESS " + p.line());
                })
            .run(meltica.testKit().system())
            .toCompletableFuture()
            .get();

    assertThat(report.problem()).as("leak, critical loss or misuse").isNull();
    assertThat(report.published().total()).isGreaterThan(4_000);
    assertThat(report.critical().expected())
        .as("execution reports + (ack + result) x 5 strategies")
        .isEqualTo(report.published().critical() + 2 * 5);
    assertThat(report.critical().delivered()).isEqualTo(report.critical().expected());
    assertThat(report.flips())
        .singleElement()
        .extracting(SimulationReport.FlipMark::version)
        .isEqualTo(2L);
    assertThat(report.failures().total()).as("the panicky strategy").isPositive();
    assertThat(report.failures().withTraceId()).isEqualTo(report.failures().total());
    assertThat(report.pool().inUseAtEnd()).isZero();
    assertThat(report.latencyUs().p99()).isPositive();
    assertThat(report.consolidatedQuotes().mergeWindowMs()).as("the default window").isEqualTo(50);
    assertThat(report.consolidatedQuotes().latencyUs().count())
        .as("merging is on: consolidated quotes reached the strategies")
        .isPositive();
    assertThat(report.latencyByKindUs())
        .extracting(SimulationReport.KindLatency::kind)
        .contains("trade", "consolidated_quote", "exec_report");
    assertThat(report.latencyUs().count())
        .as("the headline counts every kind but consolidated quotes")
        .isEqualTo(
            report.latencyByKindUs().stream()
                .filter(kind -> !kind.kind().equals("consolidated_quote"))
                .mapToLong(SimulationReport.KindLatency::count)
                .sum());
    assertThat(report.latencyCurve()).isNotEmpty();
    assertThat(progress).as("a progress reading per second").hasSizeGreaterThanOrEqualTo(1);
    assertThat(report.timeline()).isNotEmpty();
    assertThat(FillCounter.FILLS.get()).isPositive();
    if (report.flip().staleAfterFlip() > 0) {
      assertThat((double) report.flip().staleDelivered() / report.flip().staleAfterFlip())
          .isLessThan(0.05);
    }
  }
}
