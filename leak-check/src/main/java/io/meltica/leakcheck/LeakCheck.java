package io.meltica.leakcheck;

import io.meltica.pool.EventPool;
import java.time.Duration;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.pekko.actor.typed.ActorSystem;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The one leak check of every actor test: after the test (after its {@code @AfterEach} methods) it
 * terminates every watched ActorSystem and fails the test unless
 *
 * <ul>
 *   <li>every watched ActorSystem terminated within the timeout,
 *   <li>every watched pool has no envelope in use (the message is the pool's leak report),
 *   <li>no release was refused (double, stale or foreign) beyond those the test {@link
 *       #expectRefusedReleases expects},
 *   <li>nothing is unaccounted: {@code acquired == released + in use} and the per-reason recycle
 *       counts add up to {@code released},
 *   <li>no non-daemon thread started since the check was made is still alive (after a grace period;
 *       the role goleak plays in Go).
 * </ul>
 *
 * <pre>{@code
 * @RegisterExtension final LeakCheck leaks = LeakCheck.create();
 * private final ActorTestKit testKit = leaks.watch(ActorTestKit.create());
 * }</pre>
 *
 * <p>Register it on an instance field declared before the fields that start threads: the threads
 * alive when it is made are the baseline. Not thread-safe: set it up from the test's thread.
 */
public final class LeakCheck implements AfterEachCallback {
  private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(15);

  private final ThreadLeaks threads = new ThreadLeaks();
  private final List<ActorSystem<?>> systems = new ArrayList<>();
  private final Map<EventPool, Long> pools = new IdentityHashMap<>();
  private final List<Runnable> afterTermination = new ArrayList<>();
  private Duration timeout = DEFAULT_TIMEOUT;

  private LeakCheck() {}

  public static LeakCheck create() {
    return new LeakCheck();
  }

  /** How long termination and stray threads may take (default 15 s). */
  public LeakCheck withTimeout(Duration timeout) {
    this.timeout = timeout;
    return this;
  }

  /** Terminates {@code system} after the test and checks that it did. */
  public <S extends ActorSystem<?>> S watch(S system) {
    systems.add(system);
    return system;
  }

  /**
   * Runs {@code action} once the watched systems terminated, before the threads are checked: a
   * system on a manual clock needs time to pass before its dispatchers let their threads go.
   */
  public LeakCheck afterTermination(Runnable action) {
    afterTermination.add(action);
    return this;
  }

  /** Checks {@code pool} after the test. */
  public <P extends EventPool> P watch(P pool) {
    pools.putIfAbsent(pool, 0L);
    return pool;
  }

  /** The test provokes exactly {@code count} refused releases of {@code pool}; checked after it. */
  public void expectRefusedReleases(EventPool pool, long count) {
    pools.put(pool, count);
  }

  @Override
  public void afterEach(ExtensionContext context) {
    List<String> problems = check();
    if (!problems.isEmpty()) {
      throw new AssertionError(String.join("\n", problems));
    }
  }

  /**
   * Terminates the watched systems and runs every check now.
   *
   * @return one line per problem found; empty if everything was cleaned up
   */
  public List<String> check() {
    List<String> problems = new ArrayList<>();
    systems.forEach(ActorSystem::terminate);
    for (ActorSystem<?> system : systems) {
      if (!terminated(system)) {
        problems.add("ActorSystem " + system.name() + " did not terminate within " + timeout);
      }
    }
    afterTermination.forEach(Runnable::run);
    pools.forEach((pool, expectedRefusals) -> problems.addAll(problemsOf(pool, expectedRefusals)));
    Set<Thread> leftOver = threads.leftBehind(timeout);
    if (!leftOver.isEmpty()) {
      problems.add(
          "non-daemon threads left behind: "
              + leftOver.stream().map(Thread::getName).sorted().collect(Collectors.joining(", ")));
    }
    return problems;
  }

  private static List<String> problemsOf(EventPool pool, long expectedRefusals) {
    List<String> problems = new ArrayList<>();
    try {
      pool.requireIdle("the test");
    } catch (IllegalStateException leaked) { // reported with the other problems, not alone
      problems.add(leaked.getMessage());
    }
    if (pool.refusedReleaseCount() != expectedRefusals) {
      problems.add(
          "refused releases: "
              + pool.refusedReleaseCount()
              + " (double "
              + pool.doubleReleaseCount()
              + ", stale "
              + pool.staleReleaseCount()
              + ", foreign "
              + pool.foreignReleaseCount()
              + "), expected "
              + expectedRefusals);
    }
    if (pool.unaccountedCount() != 0) {
      problems.add(
          "envelopes unaccounted for: "
              + pool.unaccountedCount()
              + " (acquired "
              + pool.acquiredCount()
              + ", released "
              + pool.releasedCount()
              + ", in use "
              + pool.inUse()
              + ")");
    }
    return problems;
  }

  private boolean terminated(ActorSystem<?> system) {
    try {
      system
          .getWhenTerminated()
          .toCompletableFuture()
          .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    } catch (ExecutionException | TimeoutException e) {
      return false;
    }
  }
}
