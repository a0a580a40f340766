package io.meltica.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * Handler work of a known cost: spinning for wall-clock time (a slow subscriber) or burning a fixed
 * amount of this thread's CPU time (a CPU-bound strategy). Both spin on the calling thread and
 * allocate nothing; the returned value keeps the JIT from removing the loop.
 */
public final class BusyWork {
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  private BusyWork() {}

  /** Spins until {@code nanos} of wall-clock time have passed. */
  public static long spinFor(long nanos) {
    long deadline = System.nanoTime() + nanos;
    long spins = 0;
    while (System.nanoTime() < deadline) {
      spins++;
    }
    return spins;
  }

  /**
   * Computes until this thread has used {@code nanos} of CPU time (wall time where the JVM does not
   * measure thread CPU time). Time spent waiting for a core does not count, so every call does the
   * same amount of work however many threads share the cores.
   */
  public static long burnCpu(long nanos) {
    boolean cpuClock = THREADS.isCurrentThreadCpuTimeSupported();
    long deadline = now(cpuClock) + nanos;
    long state = nanos;
    do {
      for (int i = 0; i < 1_000; i++) {
        state = state * 6364136223846793005L + 1442695040888963407L;
      }
    } while (now(cpuClock) < deadline);
    return state;
  }

  private static long now(boolean cpuClock) {
    return cpuClock ? THREADS.getCurrentThreadCpuTime() : System.nanoTime();
  }
}
