package io.meltica.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code meltica replay --format binance} end to end, in process, on the example recording. */
class BinanceReplayTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String SAMPLE = Path.of("..", "examples", "binance-sample.jsonl").toString();

  @TempDir Path dir;

  @Test
  void shouldReplayTheBinanceSampleShowingItsGapAndResyncAndLeakingNothing() throws IOException {
    Path json = dir.resolve("binance.json");

    CliRun run =
        CliRun.withConfig(
            "replay",
            "--format",
            "binance",
            "--metrics-port",
            "0",
            "--report-json",
            json.toString(),
            SAMPLE);

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out())
        .contains("binance feed: messages 20, gaps 1, resyncs 1, decode rejects 0");
    JsonNode report = JSON.readTree(json.toFile());
    assertThat(report.at("/rejected_input/total").asLong()).isZero();
    assertThat(report.at("/published/total").asLong())
        .as(
            "4 trades, 3 tickers (1 withheld), 10 deltas, 11 book snapshots and quotes, 1 stale mark")
        .isEqualTo(29);
    assertThat(report.at("/pool/in_use_at_end").asLong()).isZero();
    assertThat(run.err()).doesNotContain("left behind", "leak");
  }

  @Test
  void shouldRefuseAnUnknownFormatNamingTheChoices() {
    CliRun run = CliRun.withConfig("replay", "--format", "kraken", SAMPLE);

    assertThat(run.exitCode()).isEqualTo(ExitCode.BAD_ARGUMENTS);
    assertThat(run.err()).contains("--format", "meltica", "binance", "okx");
  }

  @Test
  void shouldReadTheMelticaFormatByDefault() {
    CliRun help = CliRun.of("replay", "--help");

    assertThat(help.out()).contains("--format", "default: meltica");
  }
}
