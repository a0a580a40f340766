package io.meltica.simulation;

import io.meltica.actors.EventHandler;
import java.util.List;
import java.util.function.Supplier;

/**
 * A strategy to run in a simulation: its name, the instruments it follows (empty for all) and where
 * its handler comes from (called at start and on every restart).
 */
public record StrategySpec(String name, List<String> instruments, Supplier<EventHandler> handlers) {
  public StrategySpec {
    instruments = List.copyOf(instruments);
  }

  /** A strategy following every instrument. */
  public static StrategySpec of(String name, Supplier<EventHandler> handlers) {
    return new StrategySpec(name, List.of(), handlers);
  }
}
