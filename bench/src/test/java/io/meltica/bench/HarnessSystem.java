package io.meltica.bench;

import com.typesafe.config.Config;
import io.meltica.leakcheck.LeakCheck;
import java.util.List;
import org.apache.pekko.actor.typed.ActorSystem;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One ActorSystem for a test class's harness runs, terminated after the class and checked by the
 * {@link LeakCheck} (each harness run checks its own pool). Register it as a static field with
 * {@code @RegisterExtension}.
 */
public final class HarnessSystem implements BeforeAllCallback, AfterAllCallback {
  private final Config config;
  private LeakCheck leaks;
  private ActorSystem<Void> system;

  /**
   * @param overrides HOCON over the benchmark configuration
   */
  public HarnessSystem(String overrides) {
    this.config = BenchPipelines.config(overrides);
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    leaks = LeakCheck.create();
    system = leaks.watch(BenchPipelines.newSystem("bench-test", config));
  }

  @Override
  public void afterAll(ExtensionContext context) {
    BenchPipelines.terminate(system);
    List<String> problems = leaks.check();
    if (!problems.isEmpty()) {
      throw new AssertionError(String.join("\n", problems));
    }
  }

  public ActorSystem<Void> system() {
    return system;
  }

  public Config config() {
    return config;
  }
}
