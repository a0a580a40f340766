package io.meltica.pool;

import static org.assertj.core.api.Assertions.assertThat;

import io.meltica.protocol.Event;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** SC-008: a double release is caught every time, also when two threads race to release. */
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
    Recycler recycler = new Recycler(pool);
    CyclicBarrier bothReady = new CyclicBarrier(2);
    int doubleReleasesCaught = 0;

    for (int round = 0; round < ROUNDS; round++) {
      Event event = pool.acquire("racer");
      Future<Boolean> first = threads.submit(() -> release(recycler, event, bothReady));
      Future<Boolean> second = threads.submit(() -> release(recycler, event, bothReady));

      boolean firstWon = first.get(10, TimeUnit.SECONDS);
      boolean secondWon = second.get(10, TimeUnit.SECONDS);
      assertThat(firstWon ^ secondWon).as("round %d: exactly one release wins", round).isTrue();
      doubleReleasesCaught++;
    }

    assertThat(doubleReleasesCaught).isEqualTo(ROUNDS);
    assertThat(pool.inUse()).isZero();
    assertThat(pool.releasedCount()).isEqualTo(ROUNDS);
    assertThat(recycler.recycledTotal()).isEqualTo(ROUNDS);
  }

  private static boolean release(Recycler recycler, Event event, CyclicBarrier bothReady)
      throws Exception {
    bothReady.await(10, TimeUnit.SECONDS);
    try {
      recycler.recycle(event, RecycleReason.CONSUMER_HANDLED);
      return true;
    } catch (IllegalStateException expected) {
      assertThat(expected).hasMessageContaining("released twice");
      return false;
    }
  }
}
