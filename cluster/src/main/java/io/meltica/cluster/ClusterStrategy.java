package io.meltica.cluster;

import io.meltica.actors.StrategySpec;
import java.util.Objects;

/**
 * A strategy of a cluster deployment: its {@link StrategySpec} and the id that names it on every
 * node. Every node must be started with the same strategies in the same order: the name is the
 * sharding entity id, and the strategy id (events targeted at the strategy carry it) must mean the
 * same strategy everywhere.
 *
 * @param strategyId the strategy's id, from {@link #FIRST_ID} up so as not to meet the ids that
 *     {@code MelticaPipeline.subscribe} gives local strategies
 * @param strategy what runs, wherever its entity starts (and on every restart)
 */
public record ClusterStrategy(int strategyId, StrategySpec strategy) {
  /** Where cluster strategy ids start. */
  public static final int FIRST_ID = 1000;

  public ClusterStrategy {
    if (strategyId < FIRST_ID) {
      throw new IllegalArgumentException(
          "a cluster strategy's consumer id must be >= " + FIRST_ID + ", got " + strategyId);
    }
    Objects.requireNonNull(strategy, "strategy");
  }

  /** The strategy's name: its sharding entity id. */
  public String name() {
    return strategy.name();
  }
}
