package io.meltica.protocol.counters;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.DoubleSupplier;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * The registry of one pipeline's metrics, in the spirit of Agrona's {@code CountersManager}: each
 * component registers its metrics when it is built (a strategy when it first starts on this node),
 * and whoever reports them (the Prometheus exporter, a status line, a test) iterates or follows the
 * registry instead of naming each metric.
 *
 * <h2>Concurrency</h2>
 *
 * Any thread may register and read. Registration and {@link #follow} hold this registry's lock, so
 * a follower sees every metric exactly once, in registration order, whether it was registered
 * before or after the follower arrived; followers run under that lock and must be quick.
 */
public final class Counters {
  private final List<Metric> metrics = new ArrayList<>(); // guarded by this
  private final Set<String> keys = new HashSet<>(); // guarded by this
  private final List<Consumer<Metric>> followers = new ArrayList<>(); // guarded by this

  /**
   * Registers {@code metric}.
   *
   * @throws IllegalArgumentException if a metric of the same name and labels is registered
   */
  public synchronized void register(Metric metric) {
    String key = metric.key();
    if (!keys.add(key)) {
      throw new IllegalArgumentException("metric " + key + " is registered already");
    }
    metrics.add(metric);
    followers.forEach(follower -> follower.accept(metric));
  }

  /** Registers a running total without labels. */
  public void counter(String name, LongSupplier total) {
    counter(name, Map.of(), total);
  }

  /** Registers a running total. */
  public void counter(String name, Map<String, String> labels, LongSupplier total) {
    register(new Metric.Counter(name, labels, total));
  }

  /** Registers a value read as it is now. */
  public void gauge(String name, Map<String, String> labels, DoubleSupplier value) {
    register(new Metric.Gauge(name, labels, value));
  }

  /** Registers a distribution of durations in nanoseconds. */
  public void histogram(String name, Map<String, String> labels, Supplier<Metric.Window> windows) {
    register(new Metric.Histogram(name, labels, windows));
  }

  /** Every metric registered so far, in registration order. */
  public synchronized List<Metric> all() {
    return List.copyOf(metrics);
  }

  /** The running total of the counter {@code name} without labels; 0 if none is registered. */
  public synchronized long total(String name) {
    for (Metric metric : metrics) {
      if (metric instanceof Metric.Counter counter
          && counter.name().equals(name)
          && counter.labels().isEmpty()) {
        return counter.total().getAsLong();
      }
    }
    return 0;
  }

  /** The sum of the counter {@code name} over all its labels; 0 if none is registered. */
  public synchronized long sum(String name) {
    long sum = 0;
    for (Metric metric : metrics) {
      if (metric instanceof Metric.Counter counter && counter.name().equals(name)) {
        sum += counter.total().getAsLong();
      }
    }
    return sum;
  }

  /** Hands {@code follower} every metric registered so far, then each one registered later. */
  public synchronized void follow(Consumer<Metric> follower) {
    metrics.forEach(follower);
    followers.add(follower);
  }
}
