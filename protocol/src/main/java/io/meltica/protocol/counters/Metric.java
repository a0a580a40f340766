package io.meltica.protocol.counters;

import java.util.Map;
import java.util.Objects;
import java.util.StringJoiner;
import java.util.TreeMap;
import java.util.function.DoubleSupplier;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * One registered metric: a name (dotted, as {@code meltica.pool.in_use}; exporters derive their own
 * spelling), labels, and where its value is read. The value is read on the reader's thread, from
 * counters the component keeps anyway: registering costs the hot path nothing.
 */
public sealed interface Metric {
  String name();

  Map<String, String> labels();

  /**
   * What identifies the metric: its name and its labels sorted by label name, as {@code
   * meltica.recycled{reason=shutdown}} ({@code {}} without labels). Labels are kept in an unordered
   * map, so the order is fixed here.
   */
  default String key() {
    StringJoiner sorted = new StringJoiner(",", "{", "}");
    new TreeMap<>(labels()).forEach((label, value) -> sorted.add(label + "=" + value));
    return name() + sorted;
  }

  /** A count that only grows, read as its running total. */
  record Counter(String name, Map<String, String> labels, LongSupplier total) implements Metric {
    public Counter {
      requireName(name);
      labels = Map.copyOf(labels);
      Objects.requireNonNull(total, "total");
    }
  }

  /** A value read as it is now. */
  record Gauge(String name, Map<String, String> labels, DoubleSupplier value) implements Metric {
    public Gauge {
      requireName(name);
      labels = Map.copyOf(labels);
      Objects.requireNonNull(value, "value");
    }
  }

  /**
   * A distribution of durations in nanoseconds. Each reader opens its own {@link Window}, which
   * yields what was recorded since its previous read, so several readers do not take values from
   * each other.
   */
  record Histogram(String name, Map<String, String> labels, Supplier<Window> windows)
      implements Metric {
    public Histogram {
      requireName(name);
      labels = Map.copyOf(labels);
      Objects.requireNonNull(windows, "windows");
    }
  }

  /** One reader's view of a histogram. One reading thread at a time. */
  @FunctionalInterface
  interface Window {
    /** Hands {@code sink} every value recorded since the previous call, with its count. */
    void readSince(ValueSink sink);
  }

  /** Receives a histogram's values. */
  @FunctionalInterface
  interface ValueSink {
    void record(long nanos, long count);
  }

  private static void requireName(String name) {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("a metric needs a name, got '" + name + "'");
    }
  }
}
