package io.meltica.actors;

import java.util.Objects;
import java.util.function.Supplier;

/**
 * A strategy to run: its id, name and where its handler comes from. The supplier is called once at
 * start and again on every restart, so a restart begins with fresh handler state; pass {@code () ->
 * handler} to keep one instance.
 */
public record ConsumerSpec(int consumerId, String name, Supplier<EventHandler> handlers) {
  public ConsumerSpec {
    if (consumerId <= 0) {
      throw new IllegalArgumentException("consumerId must be > 0, got " + consumerId);
    }
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(handlers, "handlers");
  }
}
