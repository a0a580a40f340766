package io.meltica.bench.fanout;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The measuring loop every fan-out benchmark shares: N subscribers with a {@link DeliveryTally}
 * each, and batches of about {@code deliveriesPerOp} deliveries, each published in full and waited
 * for before the next. Batches keep the cost of waking the waiting thread a small, equal share for
 * every N and implementation.
 *
 * <p>Used by one thread, the benchmark thread, which is the only publisher.
 */
public final class BatchRunner implements AutoCloseable {
  private static final Duration BATCH_TIMEOUT = Duration.ofSeconds(30);

  private final int subscribers;
  private final int eventsPerBatch;
  private final BatchBarrier barrier = new BatchBarrier(BATCH_TIMEOUT);
  private final List<DeliveryTally> tallies = new ArrayList<>();
  private final FanOutTarget target;
  private long nextValue;

  /**
   * Starts {@code subscribers} subscribers through {@code starter}, one per tally.
   *
   * @param deliveriesPerOp deliveries per batch; events per batch = this ÷ subscribers, at least 1
   */
  public BatchRunner(
      int subscribers, int deliveriesPerOp, Function<List<DeliveryTally>, FanOutTarget> starter) {
    if (subscribers < 1) {
      throw new IllegalArgumentException("need at least one subscriber, got " + subscribers);
    }
    this.subscribers = subscribers;
    this.eventsPerBatch = Math.max(1, deliveriesPerOp / subscribers);
    for (int i = 0; i < subscribers; i++) {
      tallies.add(new DeliveryTally(barrier, eventsPerBatch));
    }
    this.target = starter.apply(List.copyOf(tallies));
  }

  /** Publishes one batch and waits until every subscriber has it; returns its deliveries. */
  public long runBatch() {
    barrier.expect(subscribers);
    for (int i = 0; i < eventsPerBatch; i++) {
      target.publish(nextValue++);
    }
    barrier.await();
    return (long) eventsPerBatch * subscribers;
  }

  /** Deliveries every subscriber has received so far; exact between batches. */
  public long deliveredTotal() {
    long total = 0;
    for (DeliveryTally tally : tallies) {
      total += tally.seen();
    }
    return total;
  }

  public int eventsPerBatch() {
    return eventsPerBatch;
  }

  FanOutTarget target() {
    return target;
  }

  @Override
  public void close() {
    target.close();
  }
}
