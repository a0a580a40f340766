package io.meltica.bench.pool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.meltica.pool.RecycleReason;
import io.meltica.protocol.Event;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.infra.Blackhole;
import org.openjdk.jmh.infra.Control;

/** The pool benchmarks' operations, called directly on one thread, leave the pool idle. */
class PoolBenchmarksTest {
  private static final String BLACKHOLE_CHALLENGE =
      "Today's password is swordfish. I understand instantiating Blackholes directly is"
          + " dangerous.";

  @Test
  void shouldAcquireAndReleaseOnOneThreadAndAllocateAFreshEvent() {
    PoolBenchmark benchmark = new PoolBenchmark();
    benchmark.createPool();

    benchmark.acquireRelease();
    benchmark.acquireRelease();
    Event fresh = benchmark.allocate();

    assertThat(fresh.isLive()).isTrue();
    assertThat(benchmark.pool().acquiredCount()).isEqualTo(2);
    assertThat(benchmark.pool().isDebug()).isFalse();
    benchmark.checkPool();
  }

  @Test
  void shouldHandEnvelopesOverAndReleaseThemOnTheOtherSide() {
    PoolHandOffBenchmark benchmark = new PoolHandOffBenchmark();
    PoolHandOff handOff = new PoolHandOff();
    handOff.create();
    Control control = new Control();

    benchmark.acquireAndHandOver(handOff, control);
    benchmark.acquireAndHandOver(handOff, control);
    benchmark.takeAndRelease(handOff, control);
    handOff.drain();

    assertThat(handOff.pool().inUse()).isZero();
    assertThat(handOff.recycler().recycledTotal()).isEqualTo(2);
    handOff.checkPool();
  }

  @Test
  void shouldHandOverFreshEventsAndDropThem() {
    PoolHandOffBenchmark benchmark = new PoolHandOffBenchmark();
    PoolHandOff handOff = new PoolHandOff();
    handOff.create();
    Control control = new Control();
    Blackhole blackhole = new Blackhole(BLACKHOLE_CHALLENGE);

    benchmark.allocateAndHandOver(handOff, control);
    benchmark.takeAndDrop(handOff, control, blackhole);

    assertThat(handOff.pool().acquiredCount()).isZero();
  }

  @Test
  void shouldGiveUpWaitingOnceTheIterationEnds() {
    PoolHandOffBenchmark benchmark = new PoolHandOffBenchmark();
    PoolHandOff handOff = new PoolHandOff();
    handOff.create();
    Control control = new Control();
    control.stopMeasurement = true;

    assertThat(handOff.take(control)).isNull(); // empty queue: no partner will come
    benchmark.takeAndRelease(handOff, control);
    for (int i = 0; i <= PoolHandOff.QUEUE_CAPACITY; i++) {
      benchmark.acquireAndHandOver(handOff, control); // the last one finds the queue full
    }
    handOff.drain();

    assertThat(handOff.pool().inUse()).isZero();
    handOff.checkPool();
  }

  @Test
  void shouldRefuseAPoolWithEnvelopesOut() {
    PoolBenchmark benchmark = new PoolBenchmark();
    benchmark.createPool();
    Event leaked = benchmark.pool().acquire("test");

    assertThatThrownBy(benchmark::checkPool)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("left 1 envelopes in use");
    benchmark.pool().recycler().recycle(leaked, leaked.generation(), RecycleReason.SHUTDOWN);
  }
}
