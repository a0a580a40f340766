package io.meltica.actors;

import java.util.Locale;

/** How the router gives one event to several strategies ({@code meltica.router.fan-out}). */
public enum FanOutMode {
  /**
   * The default: one envelope for every recipient, read-only, returned to the pool by the last
   * recipient's release. Nothing is copied; a handler that writes to it throws in debug mode.
   */
  SHARED,
  /** A pooled copy per extra recipient, each its own to change: for handlers that mutate events. */
  COPY;

  /** The mode's name in configuration: shared or copy. */
  public String configName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * @throws IllegalArgumentException naming the value and the valid ones
   */
  public static FanOutMode fromConfigName(String name) {
    for (FanOutMode mode : values()) {
      if (mode.configName().equals(name)) {
        return mode;
      }
    }
    throw new IllegalArgumentException(
        "unknown meltica.router.fan-out '" + name + "': use shared or copy");
  }
}
