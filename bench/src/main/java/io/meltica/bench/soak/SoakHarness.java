package io.meltica.bench.soak;

import io.meltica.actors.MelticaPipeline;
import io.meltica.bench.BenchEvents;
import io.meltica.bench.PipelineRuns;
import io.meltica.bench.Waits;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * Whether the heap stays flat under a steady feed: publishes trades at a fixed rate to N trivial
 * strategies for a long window and, once per sample period, forces a full collection and reads the
 * heap in use after it (the live set). Growth = (last sample − second sample) ÷ second sample: the
 * first minute still holds start-up and JIT garbage.
 *
 * <p>The publisher runs on the calling thread (park-then-yield to each event's intended time, as
 * the latency harness does); a daemon thread takes the samples. One run at a time.
 */
public final class SoakHarness {
  private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();

  private final PipelineRuns runs;

  public SoakHarness(PipelineRuns runs) {
    this.runs = runs;
  }

  /** Runs the soak and returns the {@code soak} section of {@code latest.json}. */
  public Map<String, Object> run(long rate, int strategies, Duration window, Duration sampleEvery) {
    return runs.run("soak", pipeline -> run(pipeline, rate, strategies, window, sampleEvery));
  }

  private static Map<String, Object> run(
      MelticaPipeline pipeline, long rate, int strategies, Duration window, Duration sampleEvery) {
    LongAdder delivered = new LongAdder();
    for (int i = 0; i < strategies; i++) {
      pipeline.subscribe("soak-" + i, List.of(), (event, ctx) -> delivered.increment());
    }
    List<Double> heapAfterGcMb = new CopyOnWriteArrayList<>();
    ScheduledExecutorService sampler =
        Executors.newSingleThreadScheduledExecutor(
            task -> {
              Thread thread = new Thread(task, "soak-heap-sampler");
              thread.setDaemon(true);
              return thread;
            });
    long period = sampleEvery.toNanos();
    sampler.scheduleAtFixedRate(
        () -> heapAfterGcMb.add(heapAfterFullGcMb()), period, period, TimeUnit.NANOSECONDS);
    long published = 0;
    try {
      long start = System.nanoTime();
      long end = start + window.toNanos();
      for (long intended = start;
          intended < end;
          intended = start + published * 1_000_000_000L / rate) {
        Waits.untilNanoTime(intended);
        pipeline.publish(BenchEvents.trade(pipeline.acquire(), published, intended));
        published++;
      }
    } finally {
      sampler.shutdownNow();
    }
    long expected = published * strategies;
    Waits.until(() -> delivered.sum() == expected, Duration.ofMinutes(1), "the soak to drain");
    List<Double> samples = List.copyOf(heapAfterGcMb);
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("rate", rate);
    json.put("strategies", strategies);
    json.put("seconds", window.toSeconds());
    json.put("published_events", published);
    json.put("sample_every_s", sampleEvery.toSeconds());
    json.put("heap_after_gc_mb", samples);
    json.put("heap_after_gc_growth_percent", growthPercent(samples));
    json.put("pool_peak_utilization", pipeline.pool().peakUtilization());
    json.put("pool_misses", pipeline.pool().missCount());
    return json;
  }

  /** (last − second) ÷ second in %, or null with fewer than two samples after the first. */
  static Double growthPercent(List<Double> samples) {
    if (samples.size() < 3) {
      return null;
    }
    double second = samples.get(1);
    double last = samples.get(samples.size() - 1);
    return Math.round((last - second) / second * 10_000) / 100.0;
  }

  private static double heapAfterFullGcMb() {
    System.gc(); // a full collection: what is left is what the pipeline keeps
    return Math.round(MEMORY.getHeapMemoryUsage().getUsed() / 1024.0 / 1024.0 * 10) / 10.0;
  }
}
