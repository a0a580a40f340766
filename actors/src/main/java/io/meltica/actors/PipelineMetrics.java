package io.meltica.actors;

import io.meltica.protocol.counters.Counters;
import io.meltica.supervision.FailureStats;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * Every counter of one pipeline, readable from any thread without asking an actor: for metric
 * exporters, reports and tests. Read-only: it hands out counts, not the pool. Each component's
 * counters are registered in {@link #counters()} as the component is made (a strategy's when it
 * first starts on this node), so a reader that follows the registry sees strategies that start
 * after it.
 */
public final class PipelineMetrics {
  private final Counters counters;
  private final FanOutStats fanOut;
  private final RouterMetrics router = new RouterMetrics();
  private final OrchestratorMetrics orchestrator = new OrchestratorMetrics();
  private final FailureStats failures = new FailureStats();
  private final EntranceRefusals refusals = new EntranceRefusals();
  private final Map<Integer, StrategyMetrics> consumers = new ConcurrentSkipListMap<>();

  /** {@code counters} holds the pool's metrics already; this registers the pipeline's. */
  PipelineMetrics(Counters counters, FanOutStats fanOut) {
    this.counters = counters;
    this.fanOut = fanOut;
    router.registerIn(counters);
    orchestrator.registerIn(counters);
    failures.registerIn(counters);
    refusals.registerIn(counters);
    fanOut.registerIn(counters);
  }

  /**
   * The counters of a strategy, kept across its restarts and re-creations on this node, and
   * registered the first time.
   */
  synchronized StrategyMetrics addStrategy(int strategyId, String name) {
    StrategyMetrics known = consumers.get(strategyId);
    if (known != null) {
      return known;
    }
    StrategyMetrics made = new StrategyMetrics(strategyId, name);
    consumers.put(strategyId, made);
    made.registerIn(counters);
    return made;
  }

  /** Every metric of this pipeline, by name and labels. */
  public Counters counters() {
    return counters;
  }

  public FanOutStats fanOut() {
    return fanOut;
  }

  public RouterMetrics router() {
    return router;
  }

  public OrchestratorMetrics orchestrator() {
    return orchestrator;
  }

  public FailureStats failures() {
    return failures;
  }

  /** Events refused at {@code publish} and by the data bus. */
  public EntranceRefusals refusals() {
    return refusals;
  }

  /** Every strategy ever subscribed, stopped ones included, in id order. */
  public List<StrategyMetrics> strategies() {
    return List.copyOf(consumers.values());
  }
}
