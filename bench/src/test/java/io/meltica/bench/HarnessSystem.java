package io.meltica.bench;

import com.typesafe.config.Config;
import org.apache.pekko.actor.typed.ActorSystem;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One ActorSystem for a test class's harness runs, terminated after the class. Register it as a
 * static field with {@code @RegisterExtension}.
 */
public final class HarnessSystem implements BeforeAllCallback, AfterAllCallback {
  private final Config config;
  private ActorSystem<Void> system;

  /**
   * @param overrides HOCON over the benchmark configuration
   */
  public HarnessSystem(String overrides) {
    this.config = BenchPipelines.config(overrides);
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    system = BenchPipelines.newSystem("bench-test", config);
  }

  @Override
  public void afterAll(ExtensionContext context) {
    BenchPipelines.terminate(system);
  }

  public ActorSystem<Void> system() {
    return system;
  }

  public Config config() {
    return config;
  }
}
