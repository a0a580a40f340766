package io.meltica.bench.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.meltica.bench.Options;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Merges one run's JMH results and harness results into {@code latest.json}: machine, JDK and
 * command first, then {@code fanout}, {@code consumer_wrapping}, {@code latency}, {@code pool},
 * {@code parallel_efficiency}, {@code cross_node} (from {@code --cross}, optional), and the targets
 * evaluated on them.
 *
 * <pre>
 * java -cp benchmarks.jar io.meltica.bench.report.ResultsMerger --jmh jmh.json \
 *   --harness harness.json --uname "$(uname -a)" --jdk "$(java -version 2>&amp;1)" \
 *   --command "bench/run.sh --quick" --load-before "$(cat /proc/loadavg)" --out latest.json
 * </pre>
 *
 * <p>Either input may be absent (a run that skipped it): its sections are then empty.
 */
public final class ResultsMerger {
  private static final ObjectMapper JSON =
      new ObjectMapper()
          .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
          .enable(SerializationFeature.INDENT_OUTPUT);

  private ResultsMerger() {}

  public static void main(String[] args) throws IOException {
    Options options = Options.parse(args);
    Map<String, Object> merged =
        merge(
            readOrEmpty(options.required("jmh")),
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
      JsonNode jmh, JsonNode harness, MachineInfo machine, String jdk, String command) {
    JmhResults results = JmhResults.parse(jmh);
    JsonNode latency = harness.path("latency");
    Map<String, Object> merged = new LinkedHashMap<>();
    merged.put("machine", machine);
    merged.put("jdk", jdk.strip());
    merged.put("command", command);
    merged.put("fanout", results.fanOut());
    merged.put("consumer_wrapping", results.consumerWrapping());
    merged.put("latency", latency.isMissingNode() ? JsonNodeFactory.instance.arrayNode() : latency);
    merged.put("pool", results.pool());
    merged.put(
        "parallel_efficiency",
        harness.has("parallel_efficiency")
            ? harness.get("parallel_efficiency")
            : JsonNodeFactory.instance.arrayNode());
    merged.put("targets", Targets.evaluate(results.fanOut(), results.consumerWrapping(), latency));
    return merged;
  }

  /** The mapper {@code latest.json} is written with (snake_case keys, indented). */
  public static ObjectMapper writer() {
    return JSON;
  }

  private static JsonNode readOrEmpty(String file) throws IOException {
    Path path = Path.of(file);
    if (!Files.exists(path) || Files.size(path) == 0) {
      return JsonNodeFactory.instance.arrayNode();
    }
    return JSON.readTree(path.toFile());
  }
}
