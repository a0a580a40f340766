package io.meltica.bench.latency;

import java.time.Duration;

/**
 * One latency run: a fixed rate to N subscribers for a warm-up and a measurement window.
 *
 * @param name {@code uniform} (every subscriber alike), {@code one-slow} (one of them spins 100×
 *     the others' handler time: slow and CPU-bound) or {@code one-slow-waiting} (one of them waits
 *     100× the feed's period per event, parked: slow without taking a core, like a strategy waiting
 *     on I/O)
 * @param slowWorkNanos what the slow subscriber spins or waits per event; 0 when every subscriber
 *     is fast
 * @param slowWaits whether the slow subscriber parks rather than spins
 * @param throughDataBus publish through the real data bus (a fixed-rate {@link
 *     io.meltica.ingest.Venue}, with its backpressure) instead of {@code publish()}
 */
public record LatencyScenario(
    String name,
    long rate,
    int subscribers,
    long slowWorkNanos,
    Duration warmup,
    Duration measure,
    boolean slowWaits,
    boolean throughDataBus) {
  public static final String UNIFORM = "uniform";
  public static final String ONE_SLOW = "one-slow";
  public static final String ONE_SLOW_WAITING = "one-slow-waiting";

  public LatencyScenario {
    if (subscribers < 1 || subscribers > CompletionTracker.MAX_TRACKED) {
      throw new IllegalArgumentException(
          "subscribers must be 1.." + CompletionTracker.MAX_TRACKED + ", got " + subscribers);
    }
    if (slowWorkNanos > 0 && subscribers < 2) {
      throw new IllegalArgumentException("a slow subscriber needs at least one fast one");
    }
  }

  /** Every subscriber runs the same trivial handler. */
  public static LatencyScenario uniform(
      long rate, int subscribers, Duration warmup, Duration measure) {
    return new LatencyScenario(UNIFORM, rate, subscribers, 0, warmup, measure, false, false);
  }

  /** This scenario, fed through the data bus. */
  public LatencyScenario viaDataBus() {
    return new LatencyScenario(
        name, rate, subscribers, slowWorkNanos, warmup, measure, slowWaits, true);
  }

  /** One subscriber spins {@code slowWorkNanos} per event; the others are trivial. */
  public static LatencyScenario oneSlow(
      long rate, int subscribers, long slowWorkNanos, Duration warmup, Duration measure) {
    return new LatencyScenario(
        ONE_SLOW, rate, subscribers, slowWorkNanos, warmup, measure, false, false);
  }

  /** One subscriber parks {@code waitNanos} per event; the others are trivial. */
  public static LatencyScenario oneSlowWaiting(
      long rate, int subscribers, long waitNanos, Duration warmup, Duration measure) {
    return new LatencyScenario(
        ONE_SLOW_WAITING, rate, subscribers, waitNanos, warmup, measure, true, false);
  }

  boolean hasSlowSubscriber() {
    return slowWorkNanos > 0;
  }

  /** Subscribers whose latency is reported and who take part in "last subscriber done". */
  int fastSubscribers() {
    return hasSlowSubscriber() ? subscribers - 1 : subscribers;
  }

  long warmupEvents() {
    return eventsIn(warmup);
  }

  long measuredEvents() {
    return Math.max(1, eventsIn(measure));
  }

  private long eventsIn(Duration duration) {
    return duration.toNanos() * rate / 1_000_000_000L;
  }
}
