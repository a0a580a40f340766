package io.meltica.bench;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * Waiting for a condition that other threads make true (a pipeline drained, a fan-out measured), by
 * polling it every {@link #POLL} while parked: the harnesses have no message to wait for, and a
 * parked poller leaves the cores to the threads it waits on; and waiting for a publisher's next
 * scheduled send ({@link #untilNanoTime}). For harness code, not for tests.
 */
public final class Waits {
  private static final long PARK_THRESHOLD_NANOS = TimeUnit.MICROSECONDS.toNanos(200);
  private static final long PARK_MARGIN_NANOS = TimeUnit.MICROSECONDS.toNanos(100);

  /** How often the condition is checked. */
  public static final Duration POLL = Duration.ofMillis(1);

  private Waits() {}

  /**
   * Returns once {@code condition} holds.
   *
   * @throws IllegalStateException naming {@code what} if it does not hold within {@code timeout}
   */
  public static void until(BooleanSupplier condition, Duration timeout, String what) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() - deadline > 0) {
        throw new IllegalStateException("timed out after " + timeout + " waiting for " + what);
      }
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(POLL.toMillis()));
    }
  }

  /**
   * Returns once {@link System#nanoTime()} reaches {@code deadline}, with the time it returned at.
   * Parks when the deadline is far off, otherwise yields in a loop: parking alone overshoots by the
   * kernel's timer slack (~50 µs), which would be charged to what is measured; pure spinning would
   * take one of the two cores from it.
   */
  public static long untilNanoTime(long deadline) {
    long now = System.nanoTime();
    while (now < deadline) {
      long wait = deadline - now;
      if (wait > PARK_THRESHOLD_NANOS) {
        LockSupport.parkNanos(wait - PARK_MARGIN_NANOS);
      } else {
        Thread.yield();
      }
      now = System.nanoTime();
    }
    return now;
  }
}
