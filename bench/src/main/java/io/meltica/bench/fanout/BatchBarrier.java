package io.meltica.bench.fanout;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * Lets the publishing thread wait until every subscriber has received a whole batch.
 *
 * <h2>Concurrency</h2>
 *
 * One waiter (the benchmark thread) calls {@link #expect} before it publishes a batch and {@link
 * #await} after; subscriber threads call {@link #arrive} once each per batch. The decrement that
 * reaches zero unparks the waiter; the waiter re-checks the count (a volatile read that pairs with
 * the decrements), so a wake-up before it parks is not lost. The waiter parks instead of spinning:
 * on two cores a spinning publisher would take a core from the subscribers it waits for. Nothing
 * allocates after construction.
 */
public final class BatchBarrier {
  private static final long PARK_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

  private final AtomicInteger pending = new AtomicInteger();
  private final long timeoutNanos;
  private volatile Thread waiter;

  /** A barrier whose {@link #await} gives up after {@code timeout}. */
  public BatchBarrier(Duration timeout) {
    this.timeoutNanos = timeout.toNanos();
  }

  /** The calling thread will wait for {@code subscribers} arrivals; call before publishing. */
  public void expect(int subscribers) {
    waiter = Thread.currentThread();
    pending.set(subscribers);
  }

  /** A subscriber has received its whole batch. Any thread. */
  public void arrive() {
    if (pending.decrementAndGet() == 0) {
      LockSupport.unpark(waiter);
    }
  }

  /**
   * Waits until every expected subscriber has arrived.
   *
   * @throws IllegalStateException after the timeout: deliveries were lost (a dropping or conflating
   *     mailbox) or a subscriber is stuck
   */
  public void await() {
    long deadline = System.nanoTime() + timeoutNanos;
    while (pending.get() > 0) {
      LockSupport.parkNanos(this, PARK_NANOS);
      if (System.nanoTime() - deadline > 0 && pending.get() > 0) {
        throw new IllegalStateException(
            pending.get()
                + " subscribers did not receive their whole batch within "
                + Duration.ofNanos(timeoutNanos)
                + ": deliveries were dropped or conflated, or a subscriber is stuck");
      }
    }
  }
}
