package io.meltica.actors;

import io.meltica.pool.EventPool;
import io.meltica.pool.Recycler;
import io.meltica.supervision.FailureStats;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * Every counter of one pipeline, readable from any thread without asking an actor: for metric
 * exporters, reports and tests.
 */
public final class PipelineMetrics {
  private final Recycler recycler;
  private final FanOutStats fanOut;
  private final RouterMetrics router = new RouterMetrics();
  private final OrchestratorMetrics orchestrator = new OrchestratorMetrics();
  private final FailureStats failures = new FailureStats();
  private final EntranceRefusals refusals = new EntranceRefusals();
  private final Map<Integer, ConsumerMetrics> consumers = new ConcurrentSkipListMap<>();

  PipelineMetrics(Recycler recycler, FanOutStats fanOut) {
    this.recycler = recycler;
    this.fanOut = fanOut;
  }

  /** The counters of a strategy, kept across its restarts and re-creations on this node. */
  ConsumerMetrics addConsumer(int consumerId, String name) {
    return consumers.computeIfAbsent(consumerId, id -> new ConsumerMetrics(id, name));
  }

  public EventPool pool() {
    return recycler.pool();
  }

  public Recycler recycler() {
    return recycler;
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
  public List<ConsumerMetrics> consumers() {
    return List.copyOf(consumers.values());
  }
}
