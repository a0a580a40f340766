package io.meltica.leakcheck;

import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * The non-daemon threads alive when it is made, and those started since that are still alive later:
 * what a run or a test left behind (the role goleak plays in Go). Plain Java, no JUnit: the CLI
 * uses it for its report too.
 *
 * <p>Not thread-safe: use it from one thread.
 */
public final class ThreadLeaks {
  private final Set<Thread> before = liveNonDaemon();

  /**
   * Waits up to {@code grace} for the threads started since this was made to end, joining them
   * until none is left (a pool shutting down may start one more thread on its way out).
   *
   * @return the threads still alive after that
   */
  public Set<Thread> leftBehind(Duration grace) {
    long deadline = System.nanoTime() + grace.toNanos();
    Set<Thread> left = started();
    while (!left.isEmpty()) {
      long remainingMillis = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
      if (remainingMillis <= 0) {
        break;
      }
      try {
        left.iterator().next().join(remainingMillis);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
      left = started();
    }
    return left;
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
