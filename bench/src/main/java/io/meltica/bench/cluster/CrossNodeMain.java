package io.meltica.bench.cluster;

import io.meltica.bench.HarnessMain;
import io.meltica.bench.Options;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * Runs the cross-node benchmark and writes its {@code cross_node} section as JSON.
 *
 * <pre>
 * java -cp bench/target/benchmarks.jar io.meltica.bench.cluster.CrossNodeMain --mode quick --out c.json
 * </pre>
 */
public final class CrossNodeMain {
  private CrossNodeMain() {}

  public static void main(String[] args) throws IOException {
    Options options = Options.parse(args);
    CrossNodePlan plan = CrossNodePlan.ofMode(options.optional("mode", "quick"));
    Map<String, Object> result = new CrossNodeHarness(plan, System.out::println).run();
    HarnessMain.write(result, Path.of(options.required("out")));
  }
}
