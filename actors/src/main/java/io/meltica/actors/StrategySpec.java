package io.meltica.actors;

import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * A strategy to run: the one description of a strategy, whether it is subscribed to a pipeline, run
 * in a simulation or deployed on a cluster (which adds its id: {@code ClusterStrategy}).
 *
 * @param name shown in logs, metrics and reports
 * @param instruments symbols it follows; empty follows every instrument
 * @param handlers makes its handler at start and again on every restart, so a restart begins with
 *     fresh handler state; {@code () -> handler} keeps one instance
 */
public record StrategySpec(String name, List<String> instruments, Supplier<EventHandler> handlers) {
  public StrategySpec {
    Objects.requireNonNull(name, "name");
    instruments = List.copyOf(instruments);
    Objects.requireNonNull(handlers, "handlers");
  }

  /** A strategy following every instrument. */
  public static StrategySpec of(String name, Supplier<EventHandler> handlers) {
    return new StrategySpec(name, List.of(), handlers);
  }
}
