package io.meltica.pool;

import static org.assertj.core.api.Assertions.assertThat;

import io.meltica.protocol.Event;
import io.meltica.protocol.ReleaseRefusedException;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * SC-008 and the generation check under races: a double release is caught every time, also when two
 * threads race to release; a late release racing the envelope's next owner never wins; and releases
 * that contend on the pool's free list never throw away an envelope it made up front.
 */
class ConcurrentReleaseTest {
  private static final int ROUNDS = 10_000;

  private ExecutorService threads;

  @BeforeEach
  void startThreads() {
    threads = Executors.newFixedThreadPool(2);
  }

  @AfterEach
  void stopThreads() throws InterruptedException {
    threads.shutdown();
    assertThat(threads.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
  }

  @ParameterizedTest(name = "debug={0}")
  @ValueSource(booleans = {true, false})
  void shouldLetExactlyOneOfTwoRacingReleasesWinInEveryRound(boolean debug) throws Exception {
    EventPool pool = new EventPool(new PoolConfig(4, debug, false));
    CyclicBarrier bothReady = new CyclicBarrier(2);

    for (int round = 0; round < ROUNDS; round++) {
      Event event = pool.acquire("racer");
      long generation = event.generation();
      Future<Boolean> first = threads.submit(() -> release(pool, event, generation, bothReady));
      Future<Boolean> second = threads.submit(() -> release(pool, event, generation, bothReady));

      boolean firstWon = first.get(10, TimeUnit.SECONDS);
      boolean secondWon = second.get(10, TimeUnit.SECONDS);
      assertThat(firstWon ^ secondWon).as("round %d: exactly one release wins", round).isTrue();
    }

    assertThat(pool.doubleReleaseCount()).as("every losing release was caught").isEqualTo(ROUNDS);
    assertThat(pool.staleReleaseCount()).isZero();
    assertThat(pool.inUse()).isZero();
    assertThat(pool.releasedCount()).isEqualTo(ROUNDS);
    assertThat(pool.recycler().recycledTotal()).isEqualTo(ROUNDS);
    assertThat(pool.unaccountedCount()).isZero();
  }

  @ParameterizedTest(name = "debug={0}")
  @ValueSource(booleans = {true, false})
  void shouldNeverLetALateReleaseRacingTheNextOwnerWin(boolean debug) throws Exception {
    EventPool pool = new EventPool(new PoolConfig(2, debug, false));
    CyclicBarrier bothReady = new CyclicBarrier(2);

    for (int round = 0; round < ROUNDS; round++) {
      Event event = pool.acquire("first-owner");
      long stale = event.generation();
      pool.recycler().recycle(event, stale, RecycleReason.STRATEGY_HANDLED);
      Event again = pool.acquire("next-owner");
      Event other = again == event ? null : again; // capacity 2: the other envelope may come first
      if (other != null) {
        again = pool.acquire("next-owner");
      }
      assertThat(again)
          .as("the released envelope comes back, first (LIFO) or second (FIFO)")
          .isSameAs(event);
      long current = again.generation();
      Event owned = again;
      Future<Boolean> late = threads.submit(() -> release(pool, event, stale, bothReady));
      Future<Boolean> owner = threads.submit(() -> release(pool, owned, current, bothReady));

      assertThat(late.get(10, TimeUnit.SECONDS)).as("round %d: the late release", round).isFalse();
      assertThat(owner.get(10, TimeUnit.SECONDS)).as("round %d: the owner", round).isTrue();
      if (other != null) {
        pool.recycler().recycle(other, other.generation(), RecycleReason.STRATEGY_HANDLED);
      }
    }

    assertThat(pool.staleReleaseCount()).isEqualTo(ROUNDS);
    assertThat(pool.doubleReleaseCount()).isZero();
    assertThat(pool.inUse()).isZero();
    assertThat(pool.unaccountedCount()).isZero();
  }

  @Test
  void shouldNeverDropAnEnvelopeMadeUpFrontUnderContention() throws Exception {
    EventPool pool = new EventPool(new PoolConfig(4, false, false));
    int cycles = 300_000;
    CyclicBarrier bothReady = new CyclicBarrier(2);
    Future<?> first = threads.submit(() -> cycle(pool, cycles, bothReady));
    Future<?> second = threads.submit(() -> cycle(pool, cycles, bothReady));
    first.get(60, TimeUnit.SECONDS);
    second.get(60, TimeUnit.SECONDS);

    assertThat(pool.missCount()).as("at most 2 of 4 envelopes are ever out").isZero();
    assertThat(pool.droppedOnReleaseCount()).as("so no release is dropped").isZero();
    assertThat(pool.releasedCount()).isEqualTo(2L * cycles);
  }

  private static Void cycle(EventPool pool, int cycles, CyclicBarrier bothReady) throws Exception {
    bothReady.await(10, TimeUnit.SECONDS);
    for (int i = 0; i < cycles; i++) {
      Event event = pool.acquire("cycler");
      pool.recycler().recycle(event, event.generation(), RecycleReason.STRATEGY_HANDLED);
    }
    return null;
  }

  private static boolean release(
      EventPool pool, Event event, long generation, CyclicBarrier bothReady) throws Exception {
    bothReady.await(10, TimeUnit.SECONDS);
    try {
      pool.recycler().recycle(event, generation, RecycleReason.STRATEGY_HANDLED);
      return true;
    } catch (ReleaseRefusedException expected) {
      return false;
    }
  }
}
