package io.meltica.pool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.meltica.protocol.Event;
import io.meltica.protocol.ReleaseRefusedException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EventPoolTest {
  private final EventPool pool = new EventPool(new PoolConfig(8, true, true));
  private final Recycler recycler = pool.recycler();

  @AfterEach
  void noLeak() {
    assertThat(pool.inUse()).as(pool.leakReport().toString()).isZero();
  }

  @Test
  void shouldRunInDebugModeUnderTest() {
    assertThat(PoolConfig.ofCapacity(8).debug())
        .as("surefire sets -Dmeltica.pool.debug=true")
        .isTrue();
  }

  @Test
  void shouldRoundCapacityUpToAPowerOfTwo() {
    assertThat(new EventPool(new PoolConfig(1000, false, false)).capacity()).isEqualTo(1024);
    assertThat(pool.capacity()).isEqualTo(8);
  }

  @Test
  void shouldAllocateAndCountAMissWhenEmpty() {
    List<Event> taken = acquire(10);

    assertThat(taken).doesNotHaveDuplicates();
    assertThat(pool.missCount()).isEqualTo(2);
    assertThat(pool.inUse()).isEqualTo(10);
    assertThat(pool.utilization()).isEqualTo(10 / 8.0);

    taken.forEach(e -> recycler.recycle(e, e.generation(), RecycleReason.STRATEGY_HANDLED));
    assertThat(pool.droppedOnReleaseCount()).as("the two extra do not fit").isEqualTo(2);
    assertThat(pool.releasedCount()).isEqualTo(10);
    assertThat(pool.acquiredCount()).isEqualTo(10);
  }

  @ParameterizedTest(name = "last released first: {0}")
  @ValueSource(booleans = {true, false})
  void shouldKeepEveryEnvelopeMadeUpFrontAndLeaveOnlyAMisssEnvelopeToTheCollector(boolean lifo) {
    EventPool eight = new EventPool(new PoolConfig(8, true, false, lifo));
    List<Event> upFront = acquire(eight, 8);
    Event miss = eight.acquire("beyond the capacity");

    eight.recycler().recycle(miss, miss.generation(), RecycleReason.STRATEGY_HANDLED);
    assertThat(eight.droppedOnReleaseCount()).as("released first, and still dropped").isEqualTo(1);
    upFront.forEach(e -> eight.recycler().recycle(e, e.generation(), RecycleReason.SHUTDOWN));

    List<Event> again = acquire(eight, 8);
    assertThat(again).containsExactlyInAnyOrderElementsOf(upFront).doesNotContain(miss);
    assertThat(eight.missCount()).isEqualTo(1);
    assertThat(eight.droppedOnReleaseCount()).isEqualTo(1);
    again.forEach(e -> eight.recycler().recycle(e, e.generation(), RecycleReason.SHUTDOWN));
  }

  @ParameterizedTest(name = "last released first: {0}")
  @ValueSource(booleans = {true, false})
  void shouldHandOutFreeEnvelopesInTheConfiguredOrder(boolean lifo) {
    EventPool two = new EventPool(new PoolConfig(2, true, false, lifo));
    Event first = two.acquire("first");
    Event second = two.acquire("second");

    two.recycler().recycle(second, second.generation(), RecycleReason.STRATEGY_HANDLED);
    two.recycler().recycle(first, first.generation(), RecycleReason.STRATEGY_HANDLED);

    assertThat(two.acquire("next")).isSameAs(lifo ? first : second);
    assertThat(two.acquire("after")).isSameAs(lifo ? second : first);
    List.of(first, second)
        .forEach(e -> two.recycler().recycle(e, e.generation(), RecycleReason.SHUTDOWN));
  }

  @Test
  void shouldReuseTheLastReleasedFirstByDefaultAndTheFirstReleasedInDebugMode() {
    assertThat(new PoolConfig(2, false, false).lastReleasedFirst()).isTrue();
    assertThat(new PoolConfig(2, true, false).lastReleasedFirst()).isFalse();
  }

  @Test
  void shouldTrackPeakInUse() {
    List<Event> first = acquire(5);
    first.forEach(e -> recycler.recycle(e, e.generation(), RecycleReason.STRATEGY_HANDLED));
    List<Event> second = acquire(2);

    assertThat(pool.peakInUse()).isEqualTo(5);
    assertThat(pool.peakUtilization()).isEqualTo(5 / 8.0);
    assertThat(pool.inUse()).isEqualTo(2);
    second.forEach(e -> recycler.recycle(e, e.generation(), RecycleReason.STRATEGY_HANDLED));
  }

  @Test
  void shouldBumpGenerationWhenAnEnvelopeComesBack() {
    Event event = pool.acquire("first");
    long generation = event.generation();
    recycler.recycle(event, event.generation(), RecycleReason.STRATEGY_HANDLED);

    List<Event> all = acquire(8);
    assertThat(all).contains(event);
    assertThat(event.generation()).isEqualTo(generation + 1);
    all.forEach(e -> recycler.recycle(e, e.generation(), RecycleReason.STRATEGY_HANDLED));
  }

  @Test
  void shouldRequireIdleNamingTheHolderAndTheLeakOnlyWhileAnEnvelopeIsOut() {
    pool.requireIdle("nobody");
    Event held = pool.acquire("ingest");

    assertThatThrownBy(() -> pool.requireIdle("node 1"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith("node 1 left 1 envelopes in use: 1 envelope(s) in use")
        .hasMessageContaining("acquired by 'ingest'");
    recycler.recycle(held, held.generation(), RecycleReason.SHUTDOWN);
    pool.requireIdle("node 1");
  }

  @Test
  void shouldListOutstandingEnvelopesWithOwnerAndAcquisitionSite() {
    Event held = pool.acquire("ingest");
    held.touch("router");
    held.touch("consumer-3");

    LeakReport report = pool.leakReport();

    assertThat(report.isClean()).isFalse();
    assertThat(report.inUse()).isEqualTo(1);
    assertThat(report.outstanding())
        .singleElement()
        .extracting("lastOwner")
        .isEqualTo("consumer-3");
    assertThat(report.toString())
        .contains("1 envelope(s) in use", "consumer-3", "acquired by 'ingest'")
        .contains("last handed to 'consumer-3'")
        .contains(getClass().getName());
    recycler.recycle(held, held.generation(), RecycleReason.SHUTDOWN);
    assertThat(pool.leakReport().isClean()).isTrue();
  }

  @Test
  void shouldRefuseALateReleaseAfterReacquireAndLeaveTheNewOwnersEnvelopeAlone() {
    EventPool two = new EventPool(new PoolConfig(2, false, false));
    Event stale = two.acquire("first");
    long firstGeneration = stale.generation();
    two.recycler().recycle(stale, firstGeneration, RecycleReason.STRATEGY_HANDLED);
    Event reacquired = two.acquire("third");
    assertThat(reacquired).as("the last one back is the first out: a new owner").isSameAs(stale);
    Event other = two.acquire("second");
    reacquired.setPrice(7);

    assertThatThrownBy(
            () -> two.recycler().recycle(stale, firstGeneration, RecycleReason.DEAD_LETTER))
        .isInstanceOf(ReleaseRefusedException.class)
        .hasMessageContaining("held generation " + firstGeneration)
        .hasMessageContaining("generation " + reacquired.generation())
        .hasMessageContaining("third");

    assertThat(two.staleReleaseCount()).isEqualTo(1);
    assertThat(reacquired.isLiveAt(reacquired.generation())).isTrue();
    assertThat(reacquired.price()).isEqualTo(7);
    assertThat(two.inUse()).isEqualTo(2);
    assertThat(two.recycler().recycledCount(RecycleReason.DEAD_LETTER)).isZero();
    two.recycler().recycle(other, other.generation(), RecycleReason.STRATEGY_HANDLED);
    two.recycler().recycle(reacquired, reacquired.generation(), RecycleReason.STRATEGY_HANDLED);
    assertThat(two.unaccountedCount()).isZero();
  }

  @Test
  void shouldRefuseAStandaloneEnvelopeWithoutTouchingTheCounts() {
    Event held = pool.acquire("owner");
    Event standalone = Event.standalone();

    assertThatThrownBy(() -> recycler.recycle(standalone, 0, RecycleReason.STRATEGY_HANDLED))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("standalone");

    assertThat(pool.inUse()).isEqualTo(1);
    assertThat(pool.releasedCount()).isZero();
    assertThat(pool.foreignReleaseCount()).isEqualTo(1);
    recycler.recycle(held, held.generation(), RecycleReason.STRATEGY_HANDLED);
    assertThat(pool.unaccountedCount()).isZero();
  }

  @Test
  void shouldRefuseAnotherPoolsEnvelope() {
    EventPool other = new EventPool(new PoolConfig(2, true, false));
    Event foreign = other.acquire("elsewhere");

    assertThat(pool.owns(foreign)).isFalse();
    assertThatThrownBy(
            () -> recycler.recycle(foreign, foreign.generation(), RecycleReason.DEAD_LETTER))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("another pool");
    other.recycler().recycle(foreign, foreign.generation(), RecycleReason.DEAD_LETTER);
    assertThat(other.inUse()).isZero();
  }

  @Test
  void shouldReportOnlyTheCountOutsideDebugMode() {
    EventPool plain = new EventPool(new PoolConfig(4, false, false));
    Event held = plain.acquire();

    assertThat(plain.leakReport().inUse()).isEqualTo(1);
    assertThat(plain.leakReport().outstanding()).isEmpty();
    plain.recycler().recycle(held, held.generation(), RecycleReason.SHUTDOWN);
  }

  private List<Event> acquire(int count) {
    return acquire(pool, count);
  }

  private static List<Event> acquire(EventPool from, int count) {
    List<Event> taken = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      taken.add(from.acquire("test"));
    }
    return taken;
  }
}
