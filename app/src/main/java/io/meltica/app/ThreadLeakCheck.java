package io.meltica.app;

import java.time.Duration;
import java.util.HashSet;
import java.util.Set;

/** Counts the non-daemon threads a run left behind: those alive now that were not before. */
final class ThreadLeakCheck {
  private final Set<Thread> before = liveNonDaemon();

  /** Waits up to {@code grace} for threads started since construction to end; the rest. */
  Set<Thread> leftBehind(Duration grace) throws InterruptedException {
    long deadline = System.nanoTime() + grace.toNanos();
    Set<Thread> left = started();
    for (Thread thread : left) {
      long remaining = deadline - System.nanoTime();
      if (remaining > 0) {
        thread.join(Math.max(1, remaining / 1_000_000));
      }
    }
    return started();
  }

  private Set<Thread> started() {
    Set<Thread> now = liveNonDaemon();
    now.removeAll(before);
    return now;
  }

  private static Set<Thread> liveNonDaemon() {
    Set<Thread> threads = new HashSet<>();
    for (Thread thread : Thread.getAllStackTraces().keySet()) {
      if (thread.isAlive() && !thread.isDaemon()) {
        threads.add(thread);
      }
    }
    return threads;
  }
}
