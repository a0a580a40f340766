package io.meltica.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The meltica command end to end, in process, with the repository's application.conf. */
class CommandLineTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  @Test
  void shouldRunAShortSimulationCleanlyAndWriteBothReports() throws IOException {
    Path json = dir.resolve("report.json");
    Path html = dir.resolve("report.html");

    CliRun run =
        CliRun.withConfig(
            "simulate",
            "--duration",
            "2s",
            "--rate",
            "600",
            "--instruments",
            "4",
            "--subscribers",
            "4",
            "--slow-subscribers",
            "1",
            "--metrics-port",
            "0",
            "--report-json",
            json.toString(),
            "--report-html",
            html.toString());

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).contains("events/s", "p99", "pool", "failures", "critical delivered");
    JsonNode report = JSON.readTree(json.toFile());
    for (String path :
        List.of(
            "/published/total",
            "/published/market_data",
            "/published/critical",
            "/delivered/market_data",
            "/delivered/critical",
            "/critical/expected",
            "/critical/delivered",
            "/flip/stale_after_flip",
            "/flip/stale_delivered",
            "/filtered",
            "/mailbox_drops/conflated",
            "/mailbox_drops/overflowed",
            "/mailbox_drops/by_strategy",
            "/failures/total",
            "/failures/with_trace_id",
            "/pool/capacity",
            "/pool/peak_in_use",
            "/pool/peak_utilization",
            "/pool/in_use_at_end",
            "/pool/misses",
            "/pool/double_releases",
            "/pool/stale_releases",
            "/pool/unaccounted",
            "/latency_us/p50",
            "/latency_us/p95",
            "/latency_us/p99",
            "/latency_us/p999",
            "/latency_us/max",
            "/latency_us/count",
            "/consolidated_quotes/merge_window_ms",
            "/consolidated_quotes/latency_us/p99",
            "/latency_by_kind_us/0/kind",
            "/latency_by_kind_us/0/p999",
            "/throughput_eps",
            "/rejected_input/total",
            "/rejected_input/by_reason",
            "/threads_leaked",
            "/duration_s")) {
      assertThat(report.at(path).isMissingNode()).as("key %s", path).isFalse();
    }
    assertThat(report.at("/published/total").asLong()).isPositive();
    assertThat(report.at("/critical/delivered").asLong())
        .isEqualTo(report.at("/critical/expected").asLong());
    assertThat(report.at("/pool/in_use_at_end").asLong()).isZero();
    assertThat(report.at("/threads_leaked").asInt()).isZero();
    assertThat(report.at("/failures/total").asLong()).as("panic-rate 0.1").isPositive();
    assertThat(Files.readString(html))
        .contains(
            "id=\"latency-curve\"",
            "id=\"events-per-second\"",
            "id=\"pool-utilization\"",
            "id=\"flip-window\"",
            "<polyline")
        .doesNotContain("<script");
  }

  @Test
  void shouldReplayMixedInputRejectingEachBadLineByReasonAndLeakingNothing() throws IOException {
    Path json = dir.resolve("replay.json");

    CliRun run =
        CliRun.withConfig(
            "replay",
            "--metrics-port",
            "0",
            "--report-json",
            json.toString(),
            Path.of("..", "examples", "replay-mixed.jsonl").toString());

    assertThat(run.exitCode()).as(run.err()).isZero();
    JsonNode report = JSON.readTree(json.toFile());
    JsonNode byReason = report.at("/rejected_input/by_reason");
    assertThat(report.at("/rejected_input/total").asLong()).isEqualTo(17);
    assertThat(byReason.get("bad_json").asLong()).isEqualTo(3);
    assertThat(byReason.get("unknown_kind").asLong()).isEqualTo(2);
    assertThat(byReason.get("missing_field").asLong()).isEqualTo(2);
    assertThat(byReason.get("mistyped_field").asLong()).isEqualTo(2);
    assertThat(byReason.get("bad_number").asLong()).isEqualTo(3);
    assertThat(byReason.get("bad_value").asLong()).isEqualTo(2);
    assertThat(byReason.get("line_too_long").asLong()).isEqualTo(1);
    assertThat(byReason.get("unknown_instrument").asLong()).isEqualTo(1);
    assertThat(byReason.get("unknown_venue").asLong()).isEqualTo(1);
    assertThat(report.at("/published/total").asLong()).as("the 6 good lines").isEqualTo(6);
    assertThat(report.at("/pool/in_use_at_end").asLong()).isZero();
    assertThat(run.out()).contains("rejected input", "bad_json");
  }

  @Test
  void shouldRefuseBadFlagsWithAUsageMessage() {
    CliRun notANumber = CliRun.of("simulate", "--rate", "fast");
    CliRun outOfRange = CliRun.withConfig("simulate", "--venues", "99", "--metrics-port", "0");
    CliRun badDuration = CliRun.of("simulate", "--duration", "soon");
    CliRun unknown = CliRun.of("simulate", "--turbo");
    CliRun noSubcommand = CliRun.of();

    assertThat(notANumber.exitCode()).isEqualTo(ExitCode.BAD_ARGUMENTS);
    assertThat(notANumber.err()).contains("--rate", "fast", "Usage: meltica simulate");
    assertThat(outOfRange.exitCode()).isEqualTo(ExitCode.BAD_ARGUMENTS);
    assertThat(outOfRange.err()).contains("invalid scenario venues (1 to 8): 99");
    assertThat(badDuration.exitCode()).isEqualTo(ExitCode.BAD_ARGUMENTS);
    assertThat(badDuration.err()).contains("not a duration: 'soon'");
    assertThat(unknown.exitCode()).isEqualTo(ExitCode.BAD_ARGUMENTS);
    assertThat(unknown.err()).contains("--turbo");
    assertThat(noSubcommand.exitCode()).isEqualTo(ExitCode.BAD_ARGUMENTS);
    assertThat(noSubcommand.err()).contains("simulate, replay or node");
  }

  @Test
  void shouldFailOnAnUnreadableReplayFileNamingIt() {
    CliRun run = CliRun.withConfig("replay", "--metrics-port", "0", "no/such/file.jsonl");

    assertThat(run.exitCode()).isEqualTo(ExitCode.UNREADABLE_INPUT);
    assertThat(run.err()).contains("cannot read replay file no/such/file.jsonl");
  }

  @Test
  void shouldPrintHelpForEverySubcommand() {
    for (String command : List.of("simulate", "replay")) {
      CliRun help = CliRun.of(command, "--help");
      assertThat(help.exitCode()).isZero();
      assertThat(help.out()).contains("Usage: meltica " + command, "--report-json");
    }
    assertThat(CliRun.of("simulate", "--help").out())
        .contains(
            "--duration",
            "--rate",
            "--venues",
            "--instruments",
            "--subscribers",
            "--panic-rate",
            "--flips",
            "--slow-subscribers",
            "--seed",
            "--report-html",
            "--metrics-port");
  }
}
