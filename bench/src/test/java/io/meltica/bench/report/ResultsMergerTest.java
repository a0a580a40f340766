package io.meltica.bench.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Merges a JMH result file and a harness file shaped like real ones (test resources), and
 * interleaved rounds written by hand, and checks the derived figures: bytes per delivery from bytes
 * per batch, Meltica's own allocation, hand-overs of a two-thread group, the median round in the
 * fanout table, and the targets.
 */
class ResultsMergerTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final MachineInfo MACHINE = new MachineInfo("Linux test", 2, 4.0, "0.10", 0.2);

  @Test
  void shouldDeriveBytesPerDeliveryAndMelticasOwnAllocation() throws IOException {
    JmhResults results = JmhResults.parse(resource("jmh-sample.json"));

    assertThat(results.fanOut())
        .extracting(FanOutRow::impl, FanOutRow::subscribers)
        .containsExactly(
            tuple("meltica", 1),
            tuple("meltica", 10),
            tuple("pekko-plain", 10),
            tuple("disruptor", 10),
            tuple("pekko-bare-tell", 10));
    FanOutRow meltica = results.fanOut().get(1);
    assertThat(meltica.deliveriesPerS()).isEqualTo(819_000);
    assertThat(meltica.deliveriesErrorPerS()).isEqualTo(1235.0);
    assertThat(meltica.allocBytesPerDelivery()).isEqualTo(16.0);
    assertThat(meltica.ownAllocBytesPerDelivery()).isEqualTo(10.0);
    assertThat(results.fanOut().get(0).ownAllocBytesPerDelivery()).isNull(); // no N=1 baseline
    assertThat(results.fanOut().get(2).allocBytesPerDelivery()).isNull(); // run without gc
    assertThat(results.fanOut().get(4).deliveriesErrorPerS()).isNull(); // one iteration
  }

  @Test
  void shouldReadConsumerWrappingsAgainstTheBareConsumer() throws IOException {
    List<FanOutRow> wrapping = JmhResults.parse(resource("jmh-sample.json")).consumerWrapping();

    assertThat(wrapping).extracting(FanOutRow::impl).containsExactly("bare", "meltica-wrap");
    assertThat(wrapping.get(0).ownAllocBytesPerDelivery()).isNull();
    assertThat(wrapping.get(1).ownAllocBytesPerDelivery()).isEqualTo(2.0);
  }

  @Test
  void shouldCountHandOversNotBothThreadsOperations() throws IOException {
    List<PoolRow> pool = JmhResults.parse(resource("jmh-sample.json")).pool();

    assertThat(pool)
        .extracting(PoolRow::benchmark)
        .containsExactly(
            "pooled-same-thread", "new-same-thread", "pooled-cross-thread", "new-cross-thread");
    assertThat(pool.get(1).allocBytesPerOp()).isEqualTo(544.0);
    assertThat(pool.get(2).opsPerS()).isEqualTo(3_000_000);
    assertThat(pool.get(2).threads()).isEqualTo(2);
    assertThat(pool.get(3).allocBytesPerOp()).isEqualTo(544.0); // 272 B per op of either thread
  }

  @Test
  void shouldEvaluateEveryTargetOnASinglePass() throws IOException {
    JmhResults results = JmhResults.parse(resource("jmh-sample.json"));
    List<TargetResult> targets =
        Targets.evaluate(
            results.fanOut(),
            FanOutRounds.none(),
            results.consumerWrapping(),
            resource("harness-sample.json"));

    assertThat(targets)
        .extracting(TargetResult::value, TargetResult::met)
        .containsExactly(
            tuple(0.5, Verdict.NO), // 819k ÷ 1638k, one measurement
            tuple(0.25, Verdict.YES), // 819k ÷ 3276k, on the line
            tuple(16.0, Verdict.NO), // everything included, not minus the bare tell
            tuple(90.5, Verdict.YES), // the uniform run, not one-slow
            tuple(14999.0, Verdict.YES), // last done at 10k, just under 15 ms
            tuple(0.85, Verdict.NO),
            tuple(null, Verdict.NOT_MEASURED), // no soak
            tuple(2.0, Verdict.NO)); // informational: meltica-wrap 50 B - bare 48 B
    assertThat(targets.get(0).note()).contains("one sequential measurement");
    assertThat(targets.get(5).note()).isEqualTo("misses not measured");
    assertThat(targets)
        .extracting(TargetResult::rule)
        .startsWith(">= 1.5", ">= 0.25", "<= 2", "<= 500", "< 15000", "< 0.8, 0 misses");
  }

  @Test
  void shouldReportNothingMeasuredWithoutInputs() {
    assertThat(Targets.evaluate(List.of(), FanOutRounds.none(), List.of(), JSON.createObjectNode()))
        .allSatisfy(target -> assertThat(target.met()).isEqualTo(Verdict.NOT_MEASURED))
        .extracting(TargetResult::value)
        .containsOnlyNulls();
  }

  @Test
  void shouldCountPoolMissesAndASoakWhenTheHarnessReportsThem() throws IOException {
    JsonNode harness =
        JSON.readTree(
            "{\"latency\": [{\"rate\": 100000, \"subscribers\": 10, \"scenario\": \"uniform\","
                + " \"pool_peak_utilization\": 0.5, \"pool_misses\": 3}],"
                + " \"soak\": {\"heap_after_gc_growth_percent\": 1.5}}");

    List<TargetResult> targets =
        Targets.evaluate(List.of(), FanOutRounds.none(), List.of(), harness);

    assertThat(targets.get(5).met()).isEqualTo(Verdict.NO); // 50 % but 3 misses
    assertThat(targets.get(5).note()).isEqualTo("misses: 3");
    assertThat(targets.get(6).value()).isEqualTo(1.5);
    assertThat(targets.get(6).met()).isEqualTo(Verdict.YES);
  }

  @Test
  void shouldJudgeRatiosOnTheRoundsAndTakeTheMedianRoundsRows(@TempDir Path dir)
      throws IOException {
    Path manifest = writeRounds(dir);

    Map<String, Object> merged =
        ResultsMerger.merge(
            resource("jmh-sample.json"),
            FanOutRounds.of(RoundManifest.read(manifest)),
            resource("harness-sample.json"),
            MACHINE,
            "jdk",
            "command");

    JsonNode json = ResultsMerger.writer().valueToTree(merged);
    JsonNode rounds = json.path("fanout_rounds");
    assertThat(rounds.path("subscribers").asInt()).isEqualTo(10);
    assertThat(rounds.path("median_round").asInt()).isEqualTo(3);
    assertThat(rounds.path("rounds")).hasSize(3);
    JsonNode first = rounds.path("rounds").get(0).path("runs").get(0);
    assertThat(first.path("impl").asText()).isEqualTo("meltica");
    assertThat(first.path("deliveries_per_s").asDouble()).isEqualTo(1_000_000);
    assertThat(first.path("alloc_bytes_per_delivery").asDouble()).isEqualTo(1.0);
    assertThat(first.path("load_before").asText()).isEqualTo("0.10 0.05 0.01 1/80 100");
    assertThat(rounds.path("rounds").get(1).path("runs").get(0).path("impl").asText())
        .isEqualTo("pekko-plain"); // rotated
    assertThat(
            rounds.path("rounds").get(1).path("ratios").path("meltica_over_pekko_plain").asDouble())
        .isEqualTo(0.8);
    JsonNode vsPlain = rounds.path("summary").path("meltica_over_pekko_plain");
    assertThat(vsPlain.path("median").asDouble()).isEqualTo(0.6);
    assertThat(vsPlain.path("spread").asDouble()).isEqualTo(0.5);

    JsonNode meltica = fanOutRow(json, "meltica", 10);
    assertThat(meltica.path("deliveries_per_s").asDouble()).isEqualTo(900_000); // round 3's
    assertThat(meltica.path("alloc_bytes_per_delivery").asDouble()).isEqualTo(1.5);
    assertThat(meltica.path("own_alloc_bytes_per_delivery").asDouble()).isEqualTo(-4.5); // - 6 B
    assertThat(meltica.path("source").asText()).contains("median round", "round 3");
    assertThat(fanOutRow(json, "meltica", 1).path("source").asText()).isEqualTo("single pass");
    assertThat(json.path("fanout")).hasSize(5); // N = 10 replaced, not added

    JsonNode targets = json.path("targets");
    assertThat(targets.get(0).path("value").asDouble()).isEqualTo(0.6);
    assertThat(targets.get(0).path("met").asText()).isEqualTo("no"); // even 0.8 < 1.5
    assertThat(targets.get(0).path("note").asText()).contains("min 0.5", "max 0.8");
    assertThat(targets.get(1).path("met").asText()).isEqualTo("undecided"); // 0.1 .. 0.3
    assertThat(targets.get(2).path("value").asDouble()).isEqualTo(1.5);
    assertThat(targets.get(2).path("met").asText()).isEqualTo("yes");
    assertThat(targets.get(3).has("note")).isFalse();
  }

  @Test
  void shouldWriteLatestJsonWithEverySection(@TempDir Path dir) throws IOException {
    Path jmh = copy("jmh-sample.json", dir);
    Path harness = copy("harness-sample.json", dir);
    Path cross = Files.writeString(dir.resolve("cross.json"), "{\"nodes\": 2}");
    Path out = dir.resolve("latest.json");

    ResultsMerger.main(
        new String[] {
          "--jmh",
          jmh.toString(),
          "--harness",
          harness.toString(),
          "--cross",
          cross.toString(),
          "--uname",
          "Linux test",
          "--jdk",
          "openjdk version \"17\"\n",
          "--command",
          "bench/run.sh --quick",
          "--load-before",
          "0.50 0.40 0.30 1/80 1",
          "--out",
          out.toString()
        });

    JsonNode latest = JSON.readTree(out.toFile());
    assertThat(latest.fieldNames())
        .toIterable()
        .containsExactly(
            "machine",
            "jdk",
            "command",
            "fanout",
            "fanout_rounds",
            "consumer_wrapping",
            "latency",
            "pool",
            "parallel_efficiency",
            "targets",
            "cross_node");
    assertThat(latest.path("cross_node").path("nodes").asInt()).isEqualTo(2);
    assertThat(latest.path("machine").path("cores").asInt()).isPositive();
    assertThat(latest.path("machine").path("load_average_before").asText()).startsWith("0.50");
    assertThat(latest.path("jdk").asText()).isEqualTo("openjdk version \"17\"");
    assertThat(latest.path("fanout").get(1).path("alloc_bytes_per_delivery").asDouble())
        .isEqualTo(16.0);
    assertThat(latest.path("fanout").get(1).has("deliveries_per_s")).isTrue();
    assertThat(latest.path("latency")).hasSize(4);
    assertThat(latest.path("fanout_rounds").path("rounds")).isEmpty();
    assertThat(latest.path("pool").get(0).has("ops_per_s")).isTrue();
    assertThat(latest.path("parallel_efficiency").get(0).path("efficiency").asDouble())
        .isEqualTo(0.93);
  }

  @Test
  void shouldLeaveTheSectionsOfAMissingInputEmpty(@TempDir Path dir) {
    Map<String, Object> merged =
        ResultsMerger.merge(
            JSON.createArrayNode(),
            FanOutRounds.none(),
            JSON.createObjectNode(),
            MACHINE,
            "jdk",
            "command");

    JsonNode json = ResultsMerger.writer().valueToTree(merged);
    assertThat(json.path("fanout")).isEmpty();
    assertThat(json.path("latency")).isEmpty();
    assertThat(json.path("parallel_efficiency")).isEmpty();
    assertThat(json.path("machine").path("memory_gib").asDouble()).isEqualTo(4.0);
    assertThat(dir).isEmptyDirectory();
  }

  /**
   * Three rounds of one JMH file per fork, rotated as run.sh runs them, and their manifest. Meltica
   * ÷ plain Pekko: 0.5, 0.8, 0.6; Meltica ÷ Disruptor: 0.1, 0.3, 0.3.
   */
  private static Path writeRounds(Path dir) throws IOException {
    double[][] deliveries = {
      {1_000_000, 2_000_000, 10_000_000},
      {1_200_000, 1_500_000, 4_000_000},
      {900_000, 1_500_000, 3_000_000}
    };
    double[] melticaBytes = {1.0, 3.0, 1.5};
    String[] impls = {"meltica", "pekko-plain", "disruptor"};
    StringBuilder manifest = new StringBuilder();
    for (int round = 0; round < 3; round++) {
      for (int position = 0; position < 3; position++) {
        int impl = (round + position) % 3;
        String file = "round-" + (round + 1) + "-" + impls[impl] + ".json";
        double bytes = impl == 0 ? melticaBytes[round] : 100.0;
        Files.writeString(dir.resolve(file), jmhEntry(impls[impl], deliveries[round][impl], bytes));
        manifest.append(
            String.join(
                "\t",
                Integer.toString(round + 1),
                Integer.toString(position + 1),
                impls[impl],
                file,
                "0.10 0.05 0.01 1/80 100",
                "0.90 0.20 0.05 1/80 200\n"));
      }
    }
    return Files.writeString(dir.resolve("rounds.tsv"), manifest);
  }

  /** A JMH result file of one FanOutBenchmark entry: 100 batches/s, {@code bytes} per delivery. */
  private static String jmhEntry(String impl, double deliveriesPerS, double bytes) {
    double batches = 100;
    return "[{\"benchmark\": \"io.meltica.bench.fanout.FanOutBenchmark.deliverBatch\","
        + " \"params\": {\"impl\": \""
        + impl
        + "\", \"subscribers\": \"10\"},"
        + " \"primaryMetric\": {\"score\": "
        + batches
        + "}, \"secondaryMetrics\": {\"deliveries\": {\"score\": "
        + deliveriesPerS
        + ", \"scoreError\": 1000.0}, \"gc.alloc.rate.norm\": {\"score\": "
        + bytes * deliveriesPerS / batches
        + "}}}]";
  }

  private static JsonNode fanOutRow(JsonNode json, String impl, int subscribers) {
    for (JsonNode row : json.path("fanout")) {
      if (row.path("impl").asText().equals(impl)
          && row.path("subscribers").asInt() == subscribers) {
        return row;
      }
    }
    throw new AssertionError("no fanout row " + impl + " N = " + subscribers);
  }

  private static JsonNode resource(String name) throws IOException {
    try (InputStream in = ResultsMergerTest.class.getResourceAsStream("/" + name)) {
      return JSON.readTree(in);
    }
  }

  private static Path copy(String name, Path dir) throws IOException {
    Path target = dir.resolve(name);
    try (InputStream in = ResultsMergerTest.class.getResourceAsStream("/" + name)) {
      Files.copy(in, target);
    }
    return target;
  }
}
