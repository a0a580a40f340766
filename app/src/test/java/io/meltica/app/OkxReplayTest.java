package io.meltica.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code meltica replay --format okx} end to end, in process, on the example recording. */
class OkxReplayTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String SAMPLE = Path.of("..", "examples", "okx-sample.jsonl").toString();

  @TempDir Path dir;

  @Test
  void shouldReplayTheOkxSampleShowingItsGapChecksumFailureAndResyncsLeakingNothing()
      throws IOException {
    Path json = dir.resolve("okx.json");

    CliRun run =
        CliRun.withConfig(
            "replay",
            "--format",
            "okx",
            "--metrics-port",
            "0",
            "--report-json",
            json.toString(),
            SAMPLE);

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out())
        .contains(
            "okx feed: messages 17, gaps 1, resyncs 2, decode rejects 0, checksum failures 1");
    JsonNode report = JSON.readTree(json.toFile());
    assertThat(report.at("/rejected_input/total").asLong()).isZero();
    assertThat(report.at("/published/total").asLong())
        .as("4 trades, 6 deltas, 8 quotes, 4 book snapshots, 2 stale marks")
        .isEqualTo(24);
    assertThat(report.at("/pool/in_use_at_end").asLong()).isZero();
    JsonNode feed = report.at("/feeds/0");
    assertThat(feed.at("/venue").asText()).isEqualTo("okx");
    assertThat(feed.at("/gaps").asLong()).isEqualTo(1);
    assertThat(feed.at("/checksum_failures").asLong()).isEqualTo(1);
    assertThat(feed.at("/resyncs").asLong()).isEqualTo(2);
    assertThat(feed.at("/books_stale_at_end").asLong()).as("both resynced").isZero();
    assertThat(feed.at("/stale_ms").isIntegralNumber()).isTrue();
    assertThat(feed.at("/lag/count").asLong()).as("a recording measures no lag").isZero();
    assertThat(run.err()).doesNotContain("left behind", "leak");
  }
}
