package io.meltica.suites.chaos;

import io.meltica.actors.EventHandler;
import io.meltica.protocol.EventKind;
import java.util.Set;

/**
 * A strategy of a chaos run: records every execution report that reaches its handler (before it
 * misbehaves), then, decided by the report's order id or the event's trace id so that a seed always
 * misbehaves the same way, throws an exception, fails an assertion, overflows its stack, or works
 * slowly.
 */
final class ChaosStrategy {
  private final String name;
  private final int faultPercent;
  private final boolean slow;
  private final Set<String> delivered;

  /**
   * @param faultPercent out of 100 events, how many make the handler throw an exception; a third as
   *     many again fail an assertion, and with faults on one more overflows the stack
   * @param delivered where "name:orderId" of every execution report handled is added
   */
  ChaosStrategy(String name, int faultPercent, boolean slow, Set<String> delivered) {
    this.name = name;
    this.faultPercent = faultPercent;
    this.slow = slow;
    this.delivered = delivered;
  }

  EventHandler handler() {
    return (event, ctx) -> {
      long key = event.traceId();
      if (event.kind() == EventKind.EXEC_REPORT) {
        delivered.add(name + ":" + event.orderId());
        key = event.orderId();
      }
      if (slow) {
        busyFor(20_000);
      }
      long roll = Math.floorMod(key * 0x9E3779B97F4A7C15L + name.hashCode(), 100);
      if (roll < faultPercent) {
        throw new IllegalStateException(name + " fails on " + key);
      }
      if (roll < faultPercent + faultPercent / 3) {
        throw new AssertionError(name + " asserts on " + key);
      }
      if (roll == 99 && faultPercent > 0) {
        recurse(0);
      }
    };
  }

  private static int recurse(int depth) {
    return recurse(depth + 1) + 1;
  }

  /** Works (rather than sleeps) for about {@code nanos}: a strategy slower than the feed. */
  private static void busyFor(long nanos) {
    long end = System.nanoTime() + nanos;
    while (System.nanoTime() < end) {
      Thread.onSpinWait();
    }
  }
}
