package io.meltica.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code meltica replay --format coinbase} end to end, in process, on the example recording. */
class CoinbaseReplayTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String SAMPLE =
      Path.of("..", "examples", "coinbase-sample.jsonl").toString();

  @TempDir Path dir;

  @Test
  void shouldReplayTheCoinbaseSampleShowingItsGapAndResyncAndLeakingNothing() throws IOException {
    Path json = dir.resolve("coinbase.json");

    CliRun run =
        CliRun.withConfig(
            "replay",
            "--format",
            "coinbase",
            "--metrics-port",
            "0",
            "--report-json",
            json.toString(),
            SAMPLE);

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out())
        .contains(
            "coinbase feed: messages 18, gaps 1, resyncs 1, decode rejects 0, checksum failures 0");
    JsonNode report = JSON.readTree(json.toFile());
    assertThat(report.at("/rejected_input/total").asLong()).isZero();
    assertThat(report.at("/published/total").asLong())
        .as(
            "5 trades, 3 tickers (1 withheld), 4 deltas, 3 book snapshots, 6 book quotes, 1 stale"
                + " mark")
        .isEqualTo(22);
    assertThat(report.at("/pool/in_use_at_end").asLong()).isZero();
    JsonNode feed = report.at("/feeds/0");
    assertThat(feed.at("/venue").asText()).isEqualTo("coinbase");
    assertThat(feed.at("/gaps").asLong()).isEqualTo(1);
    assertThat(feed.at("/resyncs").asLong()).isEqualTo(1);
    assertThat(feed.at("/books_stale_at_end").asLong()).as("BTC resynced").isZero();
    assertThat(run.err()).doesNotContain("left behind", "leak");
  }

  @Test
  void shouldListCoinbaseAmongTheFormatsOfAnUnknownOne() {
    CliRun run = CliRun.withConfig("replay", "--format", "kraken", SAMPLE);

    assertThat(run.exitCode()).isNotZero();
    assertThat(run.err()).contains("--format", "coinbase");
  }
}
