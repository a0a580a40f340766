package io.meltica.leakcheck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.meltica.pool.EventPool;
import io.meltica.pool.PoolConfig;
import io.meltica.pool.RecycleReason;
import io.meltica.protocol.Event;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.junit.jupiter.api.Test;

class LeakCheckTest {
  private final LeakCheck leaks = LeakCheck.create().withTimeout(Duration.ofSeconds(5));
  private final EventPool pool = leaks.watch(new EventPool(PoolConfig.ofCapacity(4)));

  private void recycle(Event event, long generation) {
    pool.recycler().recycle(event, generation, RecycleReason.STRATEGY_HANDLED);
  }

  @Test
  void shouldTerminateAWatchedSystemAndFindNothingWhenAllWasGivenBack() {
    ActorSystem<Void> system = leaks.watch(ActorSystem.create(Behaviors.empty(), "leak-check"));
    Event event = pool.acquire("test");
    recycle(event, event.generation());

    assertThat(leaks.check()).isEmpty();
    assertThat(system.whenTerminated().isCompleted()).isTrue();
  }

  @Test
  void shouldReportAnEnvelopeStillInUse() {
    Event event = pool.acquire("test");

    assertThat(leaks.check())
        .singleElement()
        .asString()
        .startsWith("the test left 1 envelopes in use: 1 envelope(s) in use");
    recycle(event, event.generation());
  }

  @Test
  void shouldReportARefusedReleaseUnlessTheTestExpectsIt() {
    Event event = pool.acquire("test");
    long generation = event.generation();
    recycle(event, generation);
    assertThatThrownBy(() -> recycle(event, generation)).isInstanceOf(IllegalStateException.class);

    assertThat(leaks.check()).singleElement().asString().contains("refused releases: 1");
    leaks.expectRefusedReleases(pool, 1);
    assertThat(leaks.check()).isEmpty();
  }

  @Test
  void shouldFailTheTestWithEveryProblemFound() {
    Event event = pool.acquire("test");

    assertThatThrownBy(() -> leaks.afterEach(null))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("the test left 1 envelopes in use");
    recycle(event, event.generation());
  }

  @Test
  void shouldReportANonDaemonThreadTheTestLeftRunning() throws InterruptedException {
    CountDownLatch stop = new CountDownLatch(1);
    Thread stray = new Thread(() -> awaitQuietly(stop), "stray-worker");
    stray.start();

    assertThat(leaks.withTimeout(Duration.ofMillis(50)).check())
        .singleElement()
        .asString()
        .contains("stray-worker");
    stop.countDown();
    stray.join();
    assertThat(leaks.check()).isEmpty();
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
