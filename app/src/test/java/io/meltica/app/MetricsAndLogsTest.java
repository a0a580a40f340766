package io.meltica.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Prometheus endpoint scraped over HTTP during a run, and the JSON log lines. */
class MetricsAndLogsTest {
  private static final String PUBLISH_LATENCY = "meltica_latency_publish_to_handler_seconds_count";

  @TempDir Path dir;

  /** In a JVM of its own ({@link CliRun#inItsOwnJvm}), for Kamon's per-actor metrics to appear. */
  @Test
  void shouldServeMelticaMetricsOverHttpWhileSimulating() throws Exception {
    int port = CliRun.freePort();
    Path out = dir.resolve("out.txt");
    Process meltica =
        CliRun.inItsOwnJvm(
            out,
            dir.resolve("run"),
            "simulate",
            "--config",
            CliRun.CONFIG.toString(),
            "--duration",
            "8s",
            "--rate",
            "500",
            "--metrics-port",
            Integer.toString(port));
    String body =
        scrapeUntil(
            "meltica and actor metrics with data on the endpoint",
            port,
            metrics ->
                routedEvents(metrics) > 0
                    && metrics.contains("pekko_actor_processing_time_seconds")
                    && metrics.contains(PUBLISH_LATENCY + "{kind=\"consolidated_quote\"}")
                    && metrics.contains(PUBLISH_LATENCY + "{kind=\"trade\"}")
                    && metrics.contains(PUBLISH_LATENCY + "{kind=\"exec_report\"}"));

    assertThat(body)
        .contains(
            "meltica_pool_in_use",
            "meltica_pool_utilization",
            "meltica_recycled_total{reason=\"strategy_handled\"}",
            "meltica_router_deliveries_total",
            "meltica_strategy_delivered_total{",
            "meltica_latency_publish_to_handler_seconds_bucket",
            "meltica_orchestrator_forwarded_total",
            PUBLISH_LATENCY + "{kind=\"trade\"}",
            PUBLISH_LATENCY + "{kind=\"exec_report\"}");
    assertThat(body)
        .as("one series per kind that occurred, none without the kind")
        .doesNotContain(PUBLISH_LATENCY + " ")
        .doesNotContain(PUBLISH_LATENCY + "{kind=\"book_snapshot\"}");
    assertThat(meltica.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(meltica.exitValue()).as(Files.readString(out)).isZero();
    assertThat(Files.readString(out))
        .contains("metrics: http://127.0.0.1:" + port + "/metrics", "threads leaked");
  }

  @Test
  void shouldServeClusterMetricsOverHttpFromANode() throws Exception {
    int port = CliRun.freePort();
    int artery = CliRun.freePort();
    Path out = dir.resolve("node.txt");
    Process node =
        CliRun.inItsOwnJvm(
            out,
            dir.resolve("run"),
            CliRun.nodeArgs(
                artery,
                "127.0.0.1:" + artery,
                "--strategies",
                "2",
                "--duration",
                "10s",
                "--metrics-port",
                Integer.toString(port)));
    String body =
        scrapeUntil(
            "a node's pipeline and cluster metrics with data on the endpoint",
            port,
            metrics ->
                routedEvents(metrics) > 0
                    && counter(metrics, "meltica_cluster_critical_acked_total") > 0
                    && STRATEGY_SERIES.matcher(metrics).find());

    assertThat(body)
        .contains(
            "meltica_cluster_critical_sent_total",
            "meltica_cluster_critical_resent_total",
            "meltica_cluster_wire_rejected_total",
            "meltica_pool_in_use");
    assertThat(node.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(node.exitValue()).as(Files.readString(out)).isZero();
    assertThat(Files.readString(out))
        .contains("metrics: http://127.0.0.1:" + port + "/metrics", "envelopes in use: 0");
  }

  @Test
  void shouldWriteJsonLogLinesWithTraceAndStrategyIds() throws IOException {
    Path logs = dir.resolve("run");
    System.setProperty("meltica.log.file", logs.toString());
    try {
      CliRun run =
          CliRun.withConfig(
              "simulate",
              "--duration",
              "1s",
              "--rate",
              "500",
              "--panic-rate",
              "0.5",
              "--metrics-port",
              "0",
              "--log-format",
              "json");
      assertThat(run.exitCode()).as(run.err()).isZero();
    } finally {
      System.clearProperty("meltica.log.file");
      LogSetup.apply(RunOptions.LogFormat.text);
    }

    List<String> lines = Files.readAllLines(Path.of(logs + ".jsonl"));
    ObjectMapper json = new ObjectMapper();
    long failuresWithIds = 0;
    for (String line : lines) {
      JsonNode entry = json.readTree(line); // every line is one JSON object
      JsonNode mdc = entry.path("mdc");
      if (entry.path("message").asText().contains("failed on")) {
        assertThat(mdc.path("trace_id").asText()).hasSize(16);
        assertThat(mdc.path("strategy_id").asText()).isNotEmpty();
        failuresWithIds++;
      }
    }
    assertThat(failuresWithIds).isPositive();
  }

  /** Scrapes 127.0.0.1:{@code port}/metrics over HTTP until {@code ready} holds; the last body. */
  /**
   * A sharded strategy's own series: its entity starts when its first event arrives, after the
   * exporter was bound, so it shows only if the exporter follows the registry.
   */
  private static final Pattern STRATEGY_SERIES =
      Pattern.compile("meltica_strategy_delivered_total\\{[^}]*strategy=\"1000\"");

  private static String scrapeUntil(String what, int port, Predicate<String> ready) {
    HttpClient http = HttpClient.newHttpClient();
    HttpRequest scrape =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics")).build();
    AtomicReference<String> body = new AtomicReference<>("");
    Awaitility.await(what)
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(250))
        .pollInSameThread()
        .ignoreExceptions()
        .until(
            () -> {
              body.set(http.send(scrape, HttpResponse.BodyHandlers.ofString()).body());
              return ready.test(body.get());
            });
    return body.get();
  }

  private static long routedEvents(String metrics) {
    return counter(metrics, "meltica_router_events_total");
  }

  private static long counter(String metrics, String name) {
    for (String line : metrics.split("\n")) {
      if (line.startsWith(name)) {
        return (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
      }
    }
    return 0;
  }
}
