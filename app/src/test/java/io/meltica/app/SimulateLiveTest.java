package io.meltica.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.meltica.ingest.LiveTestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code meltica simulate --live binance} end to end against a local WebSocket and REST server
 * playing the Binance sample (its stream lines on the socket, its snapshots over REST).
 */
class SimulateLiveTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Path SAMPLE = Path.of("..", "examples", "binance-sample.jsonl");

  @TempDir Path dir;

  @Test
  void shouldRunTheLiveFeedForTheDurationAndLeakNothing() throws Exception {
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
    ActorSystem<Void> venueSide = ActorSystem.create(Behaviors.empty(), "venue-side");
    try (LiveTestServer server =
        LiveTestServer.start(
                venueSide,
                new LiveTestServer.Script().send("{\"result\":null,\"id\":1}").send(stream))
            .snapshots("BTCUSDT", btcSnapshots.toArray(String[]::new))
            .snapshots("ETHUSDT", ethSnapshots.toArray(String[]::new))) {
      Path config =
          Files.writeString(
              dir.resolve("live.conf"),
              "include file(\""
                  + CliRun.CONFIG.toAbsolutePath().normalize()
                  + "\")\n"
                  + "meltica.live.binance { url = \""
                  + server.webSocketUrl()
                  + "\", rest-url = \""
                  + server.restUrl()
                  + "\", symbols = [BTCUSDT, ETHUSDT] }\n");
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
              config.toString(),
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
          .containsPattern(
              "binance feed: messages [1-9][0-9]*, gaps [0-9]+, resyncs [0-9]+, decode rejects 0,"
                  + " checksum failures 0, disconnects 0")
          .containsPattern("threads leaked +0 ")
          .doesNotContain("left behind");
      assertThat(server.connections()).isOne();
      assertThat(server.snapshotRequests("BTCUSDT")).isPositive();
      JsonNode report = JSON.readTree(json.toFile());
      assertThat(report.at("/published/total").asLong()).isPositive();
      assertThat(report.at("/pool/in_use_at_end").asLong()).isZero();
    } finally {
      venueSide.terminate();
      venueSide.getWhenTerminated().toCompletableFuture().join();
    }
  }

  @Test
  void shouldRefuseAVenueWithoutALiveFeed() {
    CliRun run = CliRun.withConfig("simulate", "--live", "coinbase", "--metrics-port", "0");

    assertThat(run.exitCode()).isEqualTo(ExitCode.BAD_ARGUMENTS);
    assertThat(run.err()).contains("no live feed for \"coinbase\"; live venues: binance, okx");
  }
}
