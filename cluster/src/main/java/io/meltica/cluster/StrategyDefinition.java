package io.meltica.cluster;

import io.meltica.actors.EventHandler;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * A strategy of a cluster deployment. Every node must be started with the same definitions in the
 * same order: the name is the sharding entity id, the consumer id (events targeted at the strategy
 * carry it) must mean the same strategy everywhere.
 *
 * @param consumerId the strategy's consumer id, from 1000 up so as not to meet the ids that {@code
 *     MelticaPipeline.subscribe} gives local strategies
 * @param instruments symbols it follows; empty for all
 * @param handlers makes its handler wherever the entity starts (and on every restart)
 */
public record StrategyDefinition(
    int consumerId, String name, List<String> instruments, Supplier<EventHandler> handlers) {
  /** Where cluster strategy ids start. */
  public static final int FIRST_ID = 1000;

  public StrategyDefinition {
    if (consumerId < FIRST_ID) {
      throw new IllegalArgumentException(
          "a cluster strategy's consumer id must be >= " + FIRST_ID + ", got " + consumerId);
    }
    Objects.requireNonNull(name, "name");
    instruments = List.copyOf(instruments);
    Objects.requireNonNull(handlers, "handlers");
  }
}
