package io.meltica.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.meltica.protocol.Event;
import io.meltica.protocol.EventKind;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Options, busy work, waiting and the benchmark event. */
class SupportTest {

  @Test
  void shouldParseNameValuePairs() {
    Options options = Options.parse("--mode", "full", "--out", "x.json");

    assertThat(options.required("mode")).isEqualTo("full");
    assertThat(options.optional("rates", "default")).isEqualTo("default");
    assertThatThrownBy(() -> options.required("jmh")).hasMessageContaining("missing option --jmh");
    assertThatThrownBy(() -> Options.parse("--mode")).hasMessageContaining("--name value pairs");
    assertThatThrownBy(() -> Options.parse("mode", "x")).hasMessageContaining("'mode'");
  }

  @Test
  void shouldBurnAtLeastTheCpuTimeAsked() {
    var threads = ManagementFactory.getThreadMXBean();
    long before = threads.getCurrentThreadCpuTime();

    BusyWork.burnCpu(TimeUnit.MILLISECONDS.toNanos(5));

    assertThat(threads.getCurrentThreadCpuTime() - before)
        .isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(5));
  }

  @Test
  void shouldSpinAtLeastTheWallTimeAsked() {
    long before = System.nanoTime();

    BusyWork.spinFor(TimeUnit.MICROSECONDS.toNanos(200));

    assertThat(System.nanoTime() - before).isGreaterThanOrEqualTo(200_000);
  }

  @Test
  void shouldReturnOnceTheConditionHoldsAndFailAfterTheTimeout() {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(5);
    Waits.until(() -> System.nanoTime() > deadline, Duration.ofSeconds(5), "the clock");

    assertThatThrownBy(() -> Waits.until(() -> false, Duration.ofMillis(5), "nothing"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("waiting for nothing");
  }

  @Test
  void shouldFillATradeNumberedBySequence() {
    Event event = BenchEvents.trade(Event.standalone(), 41, 7);

    assertThat(event.kind()).isEqualTo(EventKind.TRADE);
    assertThat(event.instrumentId()).isEqualTo(BenchEvents.INSTRUMENT_ID);
    assertThat(event.venueSequence()).isEqualTo(41);
    assertThat(event.traceId()).isEqualTo(42);
    assertThat(event.price()).isEqualTo(42);
    assertThat(event.ingestTimeNanos()).isEqualTo(7);
  }

  @Test
  void shouldSwitchPoolDebugModeOffInTheBenchmarkConfiguration() {
    assertThat(BenchPipelines.config("").getBoolean("meltica.pool.debug")).isFalse();
    assertThat(BenchPipelines.config("").getBoolean("meltica.orchestrator.merge.enabled"))
        .isFalse();
    assertThat(BenchPipelines.config("meltica.pool.capacity = 8").getInt("meltica.pool.capacity"))
        .isEqualTo(8);
  }
}
