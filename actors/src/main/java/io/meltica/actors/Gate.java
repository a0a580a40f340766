package io.meltica.actors;

import io.meltica.protocol.EventKind;

/**
 * The strategy's {@code shouldProcess} rule: critical events (execution reports, control acks and
 * results) always pass; market data passes only if it was stamped with a routing version at least
 * the strategy's minimum accepted version.
 */
public final class Gate {
  private Gate() {}

  public static boolean shouldProcess(EventKind kind, long routingVersion, long minVersion) {
    return kind.isCritical() || routingVersion >= minVersion;
  }
}
