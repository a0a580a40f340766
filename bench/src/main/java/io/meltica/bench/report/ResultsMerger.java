package io.meltica.bench.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.meltica.bench.Options;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Merges one run's JMH results and harness results into {@code latest.json}: machine, JDK and
 * command first, then {@code fanout}, {@code fanout_rounds} (from {@code --rounds}, optional),
 * {@code consumer_wrapping}, {@code latency}, {@code pool}, {@code parallel_efficiency}, the
 * targets evaluated on them, {@code soak} (only if the harness wrote one) and {@code cross_node}
 * (from {@code --cross}, optional).
 *
 * <pre>
 * java -cp benchmarks.jar io.meltica.bench.report.ResultsMerger --jmh pool.json,fanout.json \
 *   --rounds rounds/rounds.tsv --harness harness.json --uname "$(uname -a)" \
 *   --jdk "$(java -version 2>&amp;1)" --command "bench/run.sh --quick" \
 *   --load-before "$(cat /proc/loadavg)" --out latest.json
 * </pre>
 *
 * <p>{@code --jmh} takes one or more JMH result files, comma-separated: the single pass runs JMH
 * more than once, since {@code -p} values apply to every benchmark of one invocation. {@code
 * --rounds} is the manifest {@link RoundManifest} reads; with it, the {@code fanout} rows at N = 10
 * of the implementations the rounds measure are the median round's.
 *
 * <p>Any input may be absent (a run that skipped it): its sections are then empty.
 */
public final class ResultsMerger {
  private static final ObjectMapper JSON =
      new ObjectMapper()
          .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
          .enable(SerializationFeature.INDENT_OUTPUT);

  private ResultsMerger() {}

  public static void main(String[] args) throws IOException {
    Options options = Options.parse(args);
    String rounds = options.optional("rounds", "");
    Map<String, Object> merged =
        merge(
            readAll(options.required("jmh")),
            rounds.isEmpty()
                ? FanOutRounds.none()
                : FanOutRounds.of(RoundManifest.read(Path.of(rounds))),
            readOrEmpty(options.required("harness")),
            MachineInfo.current(
                options.optional("uname", "unknown"), options.optional("load-before", "unknown")),
            options.optional("jdk", System.getProperty("java.vm.version")),
            options.optional("command", "unknown"));
    String cross = options.optional("cross", "");
    merged.put(
        "cross_node", cross.isEmpty() ? JsonNodeFactory.instance.objectNode() : readOrEmpty(cross));
    Path out = Path.of(options.required("out"));
    JSON.writeValue(out.toFile(), merged);
    System.out.println("wrote " + out);
  }

  /** The content of {@code latest.json}, ready to be written with {@link #writer()}. */
  public static Map<String, Object> merge(
      JsonNode jmh,
      FanOutRounds rounds,
      JsonNode harness,
      MachineInfo machine,
      String jdk,
      String command) {
    JmhResults results = JmhResults.parse(jmh).withFanOut(rounds.medianRows());
    JsonNode latency = harness.path("latency");
    Map<String, Object> merged = new LinkedHashMap<>();
    merged.put("machine", machine);
    merged.put("jdk", jdk.strip());
    merged.put("command", command);
    merged.put("fanout", results.fanOut());
    merged.put("fanout_rounds", rounds);
    merged.put("consumer_wrapping", results.consumerWrapping());
    merged.put("latency", latency.isMissingNode() ? JsonNodeFactory.instance.arrayNode() : latency);
    merged.put("pool", results.pool());
    merged.put(
        "parallel_efficiency",
        harness.has("parallel_efficiency")
            ? harness.get("parallel_efficiency")
            : JsonNodeFactory.instance.arrayNode());
    merged.put(
        "targets", Targets.evaluate(results.fanOut(), rounds, results.consumerWrapping(), harness));
    if (harness.has("soak")) {
      merged.put("soak", harness.get("soak"));
    }
    return merged;
  }

  /** The mapper {@code latest.json} is written with (snake_case keys, indented). */
  public static ObjectMapper writer() {
    return JSON;
  }

  /** The entries of every comma-separated JMH file, as one array. */
  private static JsonNode readAll(String files) throws IOException {
    ArrayNode all = JsonNodeFactory.instance.arrayNode();
    for (String file : files.split(",")) {
      JsonNode entries = readOrEmpty(file.strip());
      if (entries.isArray()) {
        all.addAll((ArrayNode) entries);
      }
    }
    return all;
  }

  private static JsonNode readOrEmpty(String file) throws IOException {
    Path path = Path.of(file);
    if (!Files.exists(path) || Files.size(path) == 0) {
      return JsonNodeFactory.instance.arrayNode();
    }
    return JSON.readTree(path.toFile());
  }
}
