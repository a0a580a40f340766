package io.meltica.app.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.meltica.simulation.SimulationReport;
import io.meltica.simulation.SimulationReport.Latency;
import io.meltica.simulation.SimulationReport.Sample;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonReportWriterTest {

  private final JsonReportWriter writer = new JsonReportWriter();
  private final ObjectMapper mapper = new ObjectMapper();

  @Test
  void shouldWriteEveryRequiredKeyWithItsValue() throws Exception {
    JsonNode root = mapper.readTree(writer.toJson(Reports.realistic()));

    Map<String, Number> expected = new LinkedHashMap<>();
    expected.put("/published/total", 120_000L);
    expected.put("/published/market_data", 119_800L);
    expected.put("/published/critical", 200L);
    expected.put("/delivered/market_data", 238_000L);
    expected.put("/delivered/critical", 200L);
    expected.put("/critical/expected", 200L);
    expected.put("/critical/delivered", 200L);
    expected.put("/flip/stale_after_flip", 340L);
    expected.put("/flip/stale_delivered", 3L);
    expected.put("/filtered", 337L);
    expected.put("/mailbox_drops/conflated", 25L);
    expected.put("/mailbox_drops/overflowed", 0L);
    expected.put("/mailbox_drops/by_strategy/momentum/conflated", 25L);
    expected.put("/mailbox_drops/by_strategy/risk/overflowed", 0L);
    expected.put("/failures/total", 12L);
    expected.put("/failures/with_trace_id", 12L);
    expected.put("/pool/capacity", 4_096L);
    expected.put("/pool/peak_in_use", 812L);
    expected.put("/pool/peak_utilization", 0.198);
    expected.put("/pool/in_use_at_end", 0L);
    expected.put("/pool/misses", 5L);
    expected.put("/pool/double_releases", 0L);
    expected.put("/pool/stale_releases", 0L);
    expected.put("/pool/unaccounted", 0L);
    expected.put("/latency_us/p50", 12.5);
    expected.put("/latency_us/p95", 40.25);
    expected.put("/latency_us/p99", 95.0);
    expected.put("/latency_us/p999", 410.0);
    expected.put("/latency_us/max", 1_250.0);
    expected.put("/latency_us/count", 228_200L);
    expected.put("/consolidated_quotes/merge_window_ms", 50.0);
    expected.put("/consolidated_quotes/latency_us/count", 10_000L);
    expected.put("/consolidated_quotes/latency_us/p99", 50_412.5);
    expected.put("/throughput_eps", 11_980.5);
    expected.put("/rejected_input/total", 4L);
    expected.put("/rejected_input/by_reason/malformed json", 3L);
    expected.put("/rejected_input/by_reason/unknown instrument", 1L);
    expected.put("/threads_leaked", 0L);
    expected.put("/duration_s", 10.02);

    for (Map.Entry<String, Number> entry : expected.entrySet()) {
      JsonNode node = root.at(entry.getKey());
      assertThat(node.isMissingNode()).as("%s present", entry.getKey()).isFalse();
      if (entry.getValue() instanceof Long value) {
        assertThat(node.isIntegralNumber()).as("%s is an integer", entry.getKey()).isTrue();
        assertThat(node.asLong()).as(entry.getKey()).isEqualTo(value);
      } else {
        assertThat(node.isNumber()).as("%s is a number", entry.getKey()).isTrue();
        assertThat(node.asDouble()).as(entry.getKey()).isEqualTo(entry.getValue().doubleValue());
      }
    }
    assertThat(root.at("/schema").asText()).isEqualTo("meltica-report/2");
    assertThat(root.has("problem")).isTrue();
    assertThat(root.get("problem").isNull()).isTrue();
  }

  @Test
  void shouldWriteTopLevelKeysInRecordOrderAfterSchemaAndProblem() throws Exception {
    JsonNode root = mapper.readTree(writer.toJson(Reports.realistic()));

    List<String> names = new ArrayList<>();
    root.fieldNames().forEachRemaining(names::add);

    assertThat(names)
        .containsExactly(
            "schema",
            "problem",
            "published",
            "delivered",
            "critical",
            "flip",
            "filtered",
            "mailbox_drops",
            "failures",
            "pool",
            "latency_us",
            "consolidated_quotes",
            "latency_by_kind_us",
            "throughput_eps",
            "rejected_input",
            "threads_leaked",
            "duration_s",
            "timeline",
            "flips",
            "latency_curve",
            "counters",
            "feeds");
    assertThat(root.at("/feeds").isArray()).isTrue();
    assertThat(root.at("/feeds").size()).as("no venue feed in this run").isZero();
    assertThat(root.at("/counters").get("meltica.router.events{}").asLong()).isEqualTo(120_000);
  }

  @Test
  void shouldWriteTimelineFlipsAndCurveWithSnakeCaseKeys() throws Exception {
    JsonNode root = mapper.readTree(writer.toJson(Reports.realistic()));

    assertThat(root.at("/timeline").size()).isEqualTo(10);
    JsonNode sixth = root.at("/timeline/5");
    assertThat(sixth.at("/t_s").asDouble()).isEqualTo(6.0);
    assertThat(sixth.at("/events_per_s").asDouble()).isEqualTo(11_700.0);
    assertThat(sixth.at("/pool_utilization").asDouble()).isEqualTo(0.18);
    assertThat(sixth.at("/delivered_market_data").asLong()).isEqualTo(23_480);
    assertThat(sixth.at("/filtered_market_data").asLong()).isEqualTo(320);
    assertThat(sixth.at("/failures").asLong()).isZero();
    assertThat(sixth.at("/p99_us").asDouble()).isEqualTo(96.0);
    assertThat(root.at("/flips").size()).isEqualTo(1);
    assertThat(root.at("/flips/0/at_s").asDouble()).isEqualTo(5.2);
    assertThat(root.at("/flips/0/version").asLong()).isEqualTo(2);
    assertThat(root.at("/latency_curve").size()).isEqualTo(6);
    assertThat(root.at("/latency_curve/3/percentile").asDouble()).isEqualTo(99.9);
    assertThat(root.at("/latency_curve/3/latency_us").asDouble()).isEqualTo(410.0);
  }

  @Test
  void shouldWriteLatencyPerKindAsATable() throws Exception {
    JsonNode rows = mapper.readTree(writer.toJson(Reports.realistic())).at("/latency_by_kind_us");

    assertThat(rows.isArray()).isTrue();
    assertThat(rows.findValuesAsText("kind"))
        .containsExactly("trade", "book_delta", "consolidated_quote", "exec_report");
    JsonNode consolidated = rows.get(2);
    List<String> keys = new ArrayList<>();
    consolidated.fieldNames().forEachRemaining(keys::add);
    assertThat(keys).containsExactly("kind", "count", "p50", "p99", "p999", "max");
    assertThat(consolidated.get("count").asLong()).isEqualTo(10_000);
    assertThat(consolidated.get("p99").asDouble()).isEqualTo(50_412.5);
    assertThat(consolidated.get("max").asDouble()).isEqualTo(51_200.0);
  }

  @Test
  void shouldWriteAnUnknownMergeWindowAsNull() throws Exception {
    Reports reports = new Reports();
    reports.consolidated =
        new SimulationReport.ConsolidatedQuotes(Double.NaN, new Latency(0, 0, 0, 0, 0, 0));

    JsonNode root = mapper.readTree(writer.toJson(reports.build()));

    assertThat(root.at("/consolidated_quotes/merge_window_ms").isNull()).isTrue();
    assertThat(root.at("/consolidated_quotes/latency_us/count").asLong()).isZero();
  }

  @Test
  void shouldWriteTheProblemOfAFailedRun() throws Exception {
    Reports reports = new Reports();
    reports.inUseAtEnd = 7;

    JsonNode root = mapper.readTree(writer.toJson(reports.build()));

    assertThat(root.get("problem").asText())
        .isEqualTo("leak: 7 envelope(s) still in use at the end");
    assertThat(root.at("/pool/in_use_at_end").asLong()).isEqualTo(7);
  }

  @Test
  void shouldWriteNanAndInfinityAsNull() throws Exception {
    Reports reports = new Reports();
    reports.latency = new Latency(7, 12.5, Double.NaN, 95.0, Double.NaN, Double.POSITIVE_INFINITY);
    reports.throughputEps = Double.NaN;
    reports.timeline = List.of(new Sample(1, Double.NaN, 0.1, 10, 0, 0, Double.NaN));

    String json = writer.toJson(reports.build());
    JsonNode root = mapper.readTree(json);

    assertThat(json).doesNotContain("NaN").doesNotContain("Infinity");
    assertThat(root.at("/latency_us/p50").asDouble()).isEqualTo(12.5);
    assertThat(root.at("/latency_us/p95").isNull()).isTrue();
    assertThat(root.at("/latency_us/p999").isNull()).isTrue();
    assertThat(root.at("/latency_us/max").isNull()).isTrue();
    assertThat(root.at("/throughput_eps").isNull()).isTrue();
    assertThat(root.at("/timeline/0/events_per_s").isNull()).isTrue();
    assertThat(root.at("/timeline/0/p99_us").isNull()).isTrue();
    assertThat(root.at("/timeline/0/pool_utilization").asDouble()).isEqualTo(0.1);
  }

  @Test
  void shouldBeDeterministicAndSortReasons() {
    Reports reports = new Reports();
    reports.byReason = Map.of("zeta", 1L, "alpha", 2L, "mid", 3L);
    SimulationReport report = reports.build();

    String first = writer.toJson(report);

    assertThat(new JsonReportWriter().toJson(report)).isEqualTo(first);
    assertThat(first.indexOf("\"alpha\"")).isLessThan(first.indexOf("\"mid\""));
    assertThat(first.indexOf("\"mid\"")).isLessThan(first.indexOf("\"zeta\""));
  }

  @Test
  void shouldPrettyPrintWithUnixLineEnds() {
    String json = writer.toJson(Reports.realistic());

    assertThat(json)
        .startsWith("{\n  \"schema\": \"meltica-report/2\",\n  \"problem\": null,\n")
        .endsWith("}\n")
        .doesNotContain("\r");
  }

  @Test
  void shouldWriteEmptyListsCompactly() {
    Reports reports = new Reports();
    reports.timeline = List.of();
    reports.flips = List.of();

    assertThat(writer.toJson(reports.build()))
        .contains("\"timeline\": [],")
        .contains("\"flips\": [],");
  }

  @Test
  void shouldWriteTheSameTextToAFile(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("report.json");
    SimulationReport report = Reports.realistic();

    writer.write(report, List.of(), file);

    assertThat(Files.readString(file)).isEqualTo(writer.toJson(report));
  }
}
