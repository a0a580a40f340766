package io.meltica.actors;

import io.meltica.protocol.EventKind;
import io.meltica.protocol.counters.Counters;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Fan-out timing and parallel efficiency.
 *
 * <p><b>Timing</b>: each timed delivery (every critical one, one market-data delivery in {@code
 * latencySampleEvery} per strategy: {@link LatencySampler}) records router send to handler start in
 * {@link #dispatchLatency()} (min, max, p95 per window), and ingest to handler start per event kind
 * in {@link #publishLatency(EventKind)}. Per kind because one kind waits on purpose: a consolidated
 * quote carries its first partial's ingest time, so its figure includes the merge window
 * (milliseconds) and would swamp the microseconds the distributor itself takes. {@link
 * #distributorLatency()} is every other kind, {@link #publishLatency()} every kind.
 *
 * <p><b>Efficiency</b> of a fan-out to N strategies = Σ handler CPU time ÷ (wall time from send to
 * the last handler's end × min(N, cores)): 1.0 when the cores were busy with handlers for the whole
 * fan-out. CPU time rather than wall time per handler, so that handlers sharing a core do not count
 * the time they waited. One fan-out in {@code sampleEvery} is measured; a router's {@link
 * Sampler#begin begins} a sample and each strategy {@link #complete completes} its share.
 *
 * <h2>Concurrency</h2>
 *
 * Each router has its own {@link Sampler}, confined to it, and claims a slot by taking the next
 * sequence number atomically (once per sample, not per fan-out): it is then the single writer of
 * that slot; the slot's volatile sequence, written last, publishes the other fields, and the
 * router's message send orders it before the strategies read it. {@link #complete} is called by
 * strategy threads: atomics per slot, the last one to finish records the result. Samples live in a
 * fixed ring; a sample still open when its slot comes round again is abandoned (its late
 * completions see a different sequence and are ignored). {@link #published} is called by strategy
 * threads and records into the window of its kind, found by ordinal in an array: no map, no boxing.
 * Nothing here allocates after construction; reading the latency windows does, on the reader's
 * thread.
 */
public final class FanOutStats {
  private static final int SLOTS = 1024;

  private final int sampleEvery;
  private final int latencySampleEvery;
  private final int cores;
  private final Slot[] slots = new Slot[SLOTS];
  private final LatencyWindow dispatchLatency = new LatencyWindow();
  private final LatencyWindow[] publishLatencyByKind = new LatencyWindow[EventKind.values().length];
  private final LatencyWindow.Union publishLatency;
  private final LatencyWindow.Union distributorLatency;
  private final LongAdder busyNanos = new LongAdder();
  private final LongAdder capacityNanos = new LongAdder();
  private final LongAdder samples = new LongAdder();
  private final LongAdder windowBusyNanos = new LongAdder();
  private final LongAdder windowCapacityNanos = new LongAdder();
  private final AtomicLong nextSequence = new AtomicLong(1);

  /**
   * @param sampleEvery measure one fan-out in this many; 0 never
   * @param cores the cores handlers can run on
   */
  public FanOutStats(int sampleEvery, int cores) {
    this(sampleEvery, cores, 1);
  }

  /**
   * @param sampleEvery measure one fan-out in this many; 0 never
   * @param cores the cores handlers can run on
   * @param latencySampleEvery time one market-data delivery in this many per strategy (see {@link
   *     LatencySampler}); 1 every one
   */
  public FanOutStats(int sampleEvery, int cores, int latencySampleEvery) {
    if (latencySampleEvery < 1) {
      throw new IllegalArgumentException(
          "latencySampleEvery must be >= 1, got " + latencySampleEvery);
    }
    this.sampleEvery = sampleEvery;
    this.latencySampleEvery = latencySampleEvery;
    this.cores = cores;
    for (int i = 0; i < SLOTS; i++) {
      slots[i] = new Slot();
    }
    List<LatencyWindow> distributorKinds = new ArrayList<>();
    for (EventKind kind : EventKind.values()) {
      LatencyWindow window = new LatencyWindow();
      publishLatencyByKind[kind.ordinal()] = window;
      if (isDistributorKind(kind)) {
        distributorKinds.add(window);
      }
    }
    this.publishLatency = new LatencyWindow.Union(List.of(publishLatencyByKind));
    this.distributorLatency = new LatencyWindow.Union(distributorKinds);
  }

  /**
   * Whether a kind's ingest to handler time is the distributor's own: every kind but {@link
   * EventKind#CONSOLIDATED_QUOTE}, which also waits for the merge window before it is routed.
   */
  public static boolean isDistributorKind(EventKind kind) {
    return kind != EventKind.CONSOLIDATED_QUOTE;
  }

  /** A new sampler for one router. */
  Sampler newSampler() {
    return new Sampler(this);
  }

  /** Which of one router's fan-outs are measured. Confined to that router. */
  static final class Sampler {
    private final FanOutStats stats;
    private long fanOuts;

    private Sampler(FanOutStats stats) {
      this.stats = stats;
    }

    /** Starts a fan-out to {@code recipients}; the sample sequence, or 0 if none. */
    long begin(int recipients, long sendNanos) {
      int every = stats.sampleEvery;
      if (every == 0 || recipients == 0 || fanOuts++ % every != 0) {
        return 0;
      }
      return stats.open(recipients, sendNanos);
    }
  }

  /** A new latency sampler for one strategy. */
  LatencySampler newLatencySampler() {
    return new LatencySampler(latencySampleEvery);
  }

  /**
   * Which of one strategy's deliveries are timed into {@link #dispatched} and {@link #published}:
   * every critical event (rare, and the ones whose delay costs money), and one market-data event in
   * {@code every}, the first included. The windows are shared by every strategy's thread, so timing
   * each delivery made their recorders the fan-out's hottest code (docs/performance.md, lever 5); a
   * sample of one in 64 still holds thousands of values per second under load. Confined to the
   * strategy's actor.
   */
  static final class LatencySampler {
    private final int every;
    private int countdown = 1;

    private LatencySampler(int every) {
      this.every = every;
    }

    /** Whether to time this delivery of {@code kind}. */
    boolean shouldTime(EventKind kind) {
      if (kind.isCritical()) {
        return true;
      }
      if (--countdown > 0) {
        return false;
      }
      countdown = every;
      return true;
    }
  }

  private long open(int recipients, long sendNanos) {
    long sequence = nextSequence.getAndIncrement();
    Slot slot = slots[(int) (sequence & (SLOTS - 1))];
    slot.recipients = recipients;
    slot.startNanos = sendNanos;
    slot.remaining.set(recipients);
    slot.busy.set(0);
    slot.sequence = sequence;
    return sequence;
  }

  /** Strategy thread: one recipient of sample {@code sequence} used {@code cpuNanos}. */
  void complete(long sequence, long cpuNanos, long endNanos) {
    Slot slot = slots[(int) (sequence & (SLOTS - 1))];
    if (slot.sequence != sequence) {
      return;
    }
    long busy = slot.busy.addAndGet(cpuNanos);
    if (slot.remaining.decrementAndGet() == 0 && slot.sequence == sequence) {
      long wall = Math.max(1, endNanos - slot.startNanos);
      long capacity = wall * Math.min(slot.recipients, cores);
      busyNanos.add(busy);
      capacityNanos.add(capacity);
      windowBusyNanos.add(busy);
      windowCapacityNanos.add(capacity);
      samples.increment();
    }
  }

  /** Strategy thread: a handler started {@code nanos} after the router sent the event. */
  void dispatched(long nanos) {
    dispatchLatency.record(nanos);
  }

  /**
   * Strategy thread: a handler started {@code nanos} after an event of {@code kind} was ingested.
   */
  void published(EventKind kind, long nanos) {
    publishLatencyByKind[kind.ordinal()].record(nanos);
  }

  /** Ingest (publish) to handler start of one kind, in nanoseconds. */
  public LatencyWindow publishLatency(EventKind kind) {
    return publishLatencyByKind[kind.ordinal()];
  }

  /**
   * Ingest (publish) to handler start of every kind but consolidated quotes, in nanoseconds: the
   * time the distributor takes (see {@link #isDistributorKind}).
   */
  public LatencyWindow.Union distributorLatency() {
    return distributorLatency;
  }

  /**
   * Ingest (publish) to handler start of every kind, in nanoseconds: the end-to-end latency,
   * consolidated quotes' merge wait included.
   */
  public LatencyWindow.Union publishLatency() {
    return publishLatency;
  }

  /** Router send to handler start, in nanoseconds. */
  public LatencyWindow dispatchLatency() {
    return dispatchLatency;
  }

  /** Efficiency over every sample so far: Σ CPU ÷ Σ (wall × min(N, cores)); NaN if none. */
  public double parallelEfficiency() {
    long capacity = capacityNanos.sum();
    return capacity == 0 ? Double.NaN : (double) busyNanos.sum() / capacity;
  }

  /**
   * Efficiency over the samples completed since the previous call (NaN if none), for metric readers
   * that report per interval. One reader at a time.
   */
  public double takeParallelEfficiency() {
    long capacity = windowCapacityNanos.sumThenReset();
    long busy = windowBusyNanos.sumThenReset();
    return capacity == 0 ? Double.NaN : (double) busy / capacity;
  }

  /** Fan-outs measured to the end so far. */
  public long efficiencySamples() {
    return samples.sum();
  }

  public int cores() {
    return cores;
  }

  private static final class Slot {
    volatile long sequence;
    int recipients;
    long startNanos;
    final AtomicInteger remaining = new AtomicInteger();
    final AtomicLong busy = new AtomicLong();
  }

  /**
   * Registers the efficiency gauge and the latency histograms. The gauge {@link
   * #takeParallelEfficiency() takes} the window since its previous reading: one reader only.
   */
  void registerIn(Counters counters) {
    counters.gauge(
        "meltica.router.parallel_efficiency",
        Map.of(),
        () -> {
          double efficiency = takeParallelEfficiency();
          return Double.isNaN(efficiency) ? 0 : efficiency;
        });
    counters.histogram("meltica.router.dispatch_latency", Map.of(), dispatchLatency::newWindow);
    for (EventKind kind : EventKind.values()) {
      counters.histogram(
          "meltica.latency.publish_to_handler",
          Map.of("kind", kind.name().toLowerCase(Locale.ROOT)),
          publishLatency(kind)::newWindow);
    }
  }
}
