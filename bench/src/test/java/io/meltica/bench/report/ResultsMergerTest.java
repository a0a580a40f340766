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
 * Merges a JMH result file and a harness file shaped like real ones (test resources) and checks the
 * derived figures: bytes per delivery from bytes per batch, Meltica's own allocation, hand- overs
 * of a two-thread group, and the targets.
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
  void shouldEvaluateEveryTarget() throws IOException {
    JsonNode harness = resource("harness-sample.json");
    List<TargetResult> targets =
        Targets.evaluate(
            JmhResults.parse(resource("jmh-sample.json")).fanOut(),
            JmhResults.parse(resource("jmh-sample.json")).consumerWrapping(),
            harness.path("latency"));

    assertThat(targets)
        .extracting(TargetResult::value, TargetResult::met)
        .containsExactly(
            tuple(0.5, false), // 819k ÷ 1638k
            tuple(0.25, false),
            tuple(10.0, false),
            tuple(2.0, false), // meltica-wrap 50 B - bare 48 B
            tuple(90.5, true), // the uniform run, not one-slow
            tuple(0.85, false));
    assertThat(Targets.evaluate(List.of(), List.of(), JSON.createArrayNode()))
        .allSatisfy(target -> assertThat(target.met()).isFalse())
        .extracting(TargetResult::value)
        .containsOnlyNulls();
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
    assertThat(latest.path("latency")).hasSize(3);
    assertThat(latest.path("pool").get(0).has("ops_per_s")).isTrue();
    assertThat(latest.path("parallel_efficiency").get(0).path("efficiency").asDouble())
        .isEqualTo(0.93);
  }

  @Test
  void shouldLeaveTheSectionsOfAMissingInputEmpty(@TempDir Path dir) {
    Map<String, Object> merged =
        ResultsMerger.merge(
            JSON.createArrayNode(), JSON.createObjectNode(), MACHINE, "jdk", "command");

    JsonNode json = ResultsMerger.writer().valueToTree(merged);
    assertThat(json.path("fanout")).isEmpty();
    assertThat(json.path("latency")).isEmpty();
    assertThat(json.path("parallel_efficiency")).isEmpty();
    assertThat(json.path("machine").path("memory_gib").asDouble()).isEqualTo(4.0);
    assertThat(dir).isEmptyDirectory();
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
