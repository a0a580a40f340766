package io.meltica.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.meltica.ingest.LiveTestServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code meltica simulate --live binance} and {@code meltica node --live binance} end to end
 * against a local WebSocket and REST server playing the Binance sample (its stream lines on the
 * socket, its snapshots over REST).
 */
class SimulateLiveTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Path SAMPLE = Path.of("..", "examples", "binance-sample.jsonl");

  private static final String FEED_LINE =
      "binance feed: messages [1-9][0-9]*, gaps [0-9]+, resyncs [0-9]+, decode rejects 0,"
          + " checksum failures 0, disconnects 0";

  @TempDir Path dir;
  private ActorSystem<Void> venueSide;

  @Test
  void shouldRunTheLiveFeedForTheDurationAndLeakNothing() throws Exception {
    try (LiveTestServer server = binanceSampleServer()) {
      Path json = dir.resolve("live.json");
      Path out = dir.resolve("out.txt");

      // In a JVM of its own: the run counts the threads it leaves behind, and this JVM's server
      // starts threads while the run goes on.
      Process run =
          CliRun.inItsOwnJvm(
              out,
              dir.resolve("run"),
              "simulate",
              "--config",
              liveConfig(server).toString(),
              "--live",
              "binance",
              "--duration",
              "3s",
              "--metrics-port",
              "0",
              "--report-json",
              json.toString());

      assertThat(run.waitFor(90, TimeUnit.SECONDS)).as("the run ended").isTrue();
      String printed = Files.readString(out);
      assertThat(run.exitValue()).as(printed).isZero();
      assertThat(printed)
          .containsPattern(FEED_LINE)
          .containsPattern("threads leaked +0 ")
          .doesNotContain("left behind");
      assertThat(server.connections()).isOne();
      assertThat(server.snapshotRequests("BTCUSDT")).isPositive();
      JsonNode report = JSON.readTree(json.toFile());
      assertThat(report.at("/published/total").asLong()).isPositive();
      assertThat(report.at("/pool/in_use_at_end").asLong()).isZero();
    }
  }

  @Test
  void shouldIngestTheLiveFeedOnAClusterNode() throws Exception {
    try (LiveTestServer server = binanceSampleServer()) {
      int port = CliRun.freePort();

      CliRun run =
          CliRun.of(
              "node",
              "--config",
              liveConfig(server).toString(),
              "--port",
              Integer.toString(port),
              "--seed-nodes",
              "127.0.0.1:" + port,
              "--strategies",
              "2",
              "--live",
              "binance",
              "--duration",
              "6s");

      assertThat(run.exitCode()).as(run.err()).isZero();
      assertThat(run.out()).contains("stopped; envelopes in use: 0").containsPattern(FEED_LINE);
      assertThat(server.connections()).isOne();
      assertThat(server.openConnections()).as("the socket closed when the node stopped").isZero();
    }
  }

  @Test
  void shouldRefuseAVenueWithoutALiveFeed() {
    CliRun run = CliRun.withConfig("simulate", "--live", "kraken", "--metrics-port", "0");

    assertThat(run.exitCode()).isEqualTo(ExitCode.BAD_ARGUMENTS);
    assertThat(run.err())
        .contains("no live feed for \"kraken\"; live venues: binance, coinbase, okx");
  }

  /** The sample's stream on the socket, its snapshots over REST, on a system of its own. */
  private LiveTestServer binanceSampleServer() throws IOException {
    List<String> stream = new ArrayList<>();
    List<String> btcSnapshots = new ArrayList<>();
    List<String> ethSnapshots = new ArrayList<>();
    for (String line : Files.readAllLines(SAMPLE)) {
      JsonNode node = JSON.readTree(line);
      if (node.has("snapshot")) {
        String body = node.get("data").toString();
        (node.get("snapshot").asText().equals("BTCUSDT") ? btcSnapshots : ethSnapshots).add(body);
      } else {
        stream.add(line);
      }
    }
    venueSide = ActorSystem.create(Behaviors.empty(), "venue-side");
    return LiveTestServer.start(
            venueSide, new LiveTestServer.Script().send("{\"result\":null,\"id\":1}").send(stream))
        .snapshots("BTCUSDT", btcSnapshots.toArray(String[]::new))
        .snapshots("ETHUSDT", ethSnapshots.toArray(String[]::new));
  }

  /** The repository's configuration with the Binance feed pointed at {@code server}. */
  private Path liveConfig(LiveTestServer server) throws IOException {
    return Files.writeString(
        dir.resolve("live.conf"),
        "include file(\""
            + CliRun.CONFIG.toAbsolutePath().normalize()
            + "\")\n"
            + "meltica.live.binance { url = \""
            + server.webSocketUrl()
            + "\", rest-url = \""
            + server.restUrl()
            + "\", symbols = [BTCUSDT, ETHUSDT] }\n");
  }

  @AfterEach
  void venueSideTerminated() {
    if (venueSide != null) {
      venueSide.terminate();
      venueSide.getWhenTerminated().toCompletableFuture().join();
    }
  }
}
