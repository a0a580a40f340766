package io.meltica.bench;

import com.typesafe.config.Config;
import io.meltica.actors.MelticaPipeline;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.apache.pekko.actor.typed.ActorSystem;

/**
 * Runs measurements each on a fresh pipeline of one ActorSystem: the JIT stays warm from one run to
 * the next, while the pool, its peak and the strategies are new every time. Each pipeline is
 * stopped after its run, and the run fails if it left an envelope in use ({@link
 * BenchPipelines#stop}). One run at a time, from one thread.
 */
public final class PipelineRuns {
  private final ActorSystem<?> system;
  private final Config config;
  private final AtomicInteger runs = new AtomicInteger();

  /**
   * @param config the benchmark configuration ({@link BenchPipelines#config}) pipelines start with
   */
  public PipelineRuns(ActorSystem<?> system, Config config) {
    this.system = system;
    this.config = config;
  }

  /** Starts a pipeline named after {@code kind}, runs {@code body} on it, then stops it. */
  public <T> T run(String kind, Function<MelticaPipeline, T> body) {
    MelticaPipeline pipeline =
        BenchPipelines.start(system, config, kind + "-" + runs.incrementAndGet());
    System.gc(); // promotes the new pool, collects the previous one: see the class comment
    try {
      return body.apply(pipeline);
    } finally {
      BenchPipelines.stop(pipeline);
    }
  }

  public Config config() {
    return config;
  }
}
