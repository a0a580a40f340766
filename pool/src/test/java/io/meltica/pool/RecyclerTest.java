package io.meltica.pool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.meltica.protocol.Event;
import io.meltica.protocol.EventKind;
import io.meltica.protocol.ReleaseRefusedException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class RecyclerTest {
  private EventPool pool = new EventPool(PoolConfig.ofCapacity(16));
  private Recycler recycler = pool.recycler();

  @AfterEach
  void noLeak() {
    assertThat(pool.inUse()).as(pool.leakReport().toString()).isZero();
  }

  @ParameterizedTest
  @EnumSource(RecycleReason.class)
  void shouldCountEachReasonSeparately(RecycleReason reason) {
    for (int i = 0; i < 2; i++) {
      Event event = pool.acquire();
      recycler.recycle(event, event.generation(), reason);
    }

    for (RecycleReason other : RecycleReason.values()) {
      assertThat(recycler.recycledCount(other)).as(other.name()).isEqualTo(other == reason ? 2 : 0);
    }
    assertThat(recycler.recycledTotal()).isEqualTo(2);
    assertThat(recycler.pool()).isSameAs(pool);
    assertThat(pool.recycler().pool()).isSameAs(pool);
    assertThat(pool.recycler()).isSameAs(pool.recycler());
  }

  @Test
  void shouldResetOnRecycleOutsideDebugMode() {
    usePool(new EventPool(new PoolConfig(2, false, false)));
    Event event = pool.acquire().setKind(EventKind.TRADE).setPrice(42).setInstrumentId(3);
    Event other = pool.acquire();

    recycler.recycle(event, event.generation(), RecycleReason.STRATEGY_HANDLED);
    Event again = pool.acquire();

    assertThat(again).isSameAs(event);
    recycler.recycle(other, other.generation(), RecycleReason.STRATEGY_HANDLED);
    assertThat(again.kind()).isNull();
    assertThat(again.price()).isZero();
    assertThat(again.instrumentId()).isZero();
    recycler.recycle(again, again.generation(), RecycleReason.STRATEGY_HANDLED);
  }

  @Test
  void shouldHandOutAClearedEnvelopeAfterPoisoningInDebugMode() {
    Event event = pool.acquire().setPrice(42);
    recycler.recycle(event, event.generation(), RecycleReason.STRATEGY_HANDLED);

    for (int i = 0; i < pool.capacity(); i++) {
      Event next = pool.acquire();
      assertThat(next.price()).isZero();
      recycler.recycle(next, next.generation(), RecycleReason.STRATEGY_HANDLED);
    }
  }

  @Test
  void shouldCatchAUseAfterReleaseOnTheFirstAccessInDebugMode() {
    Event event = pool.acquire().setPrice(42);
    recycler.recycle(event, event.generation(), RecycleReason.STRATEGY_HANDLED);

    assertThatThrownBy(event::price)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("use after release")
        .hasMessageContaining("STRATEGY_HANDLED");
  }

  @ParameterizedTest(name = "debug={0}")
  @ValueSource(booleans = {true, false})
  void shouldThrowOnDoubleReleaseAndNotCountIt(boolean debug) {
    usePool(new EventPool(new PoolConfig(4, debug, false)));
    Event event = pool.acquire("strategy-1");
    recycler.recycle(event, event.generation(), RecycleReason.STRATEGY_HANDLED);

    assertThatThrownBy(() -> recycler.recycle(event, event.generation(), RecycleReason.SHUTDOWN))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("released twice")
        .hasMessageContaining("generation 1")
        .hasMessageContaining("strategy-1");
    assertThat(recycler.recycledTotal()).isEqualTo(1);
    assertThat(pool.releasedCount()).isEqualTo(1);
    assertThat(pool.doubleReleaseCount()).isEqualTo(1);
  }

  @Test
  void shouldRecycleEveryPartialAndClearTheSlots() {
    Event[] partials = {pool.acquire(), pool.acquire(), pool.acquire(), null};
    long[] generations = generationsOf(partials);

    recycler.recycleMany(partials, generations, 3, RecycleReason.MERGE_PARTIAL);

    assertThat(partials).containsOnlyNulls();
    assertThat(recycler.recycledCount(RecycleReason.MERGE_PARTIAL)).isEqualTo(3);
  }

  @Test
  void shouldRecycleTheRestWhenOnePartialWasAlreadyReleased() {
    Event released = pool.acquire();
    Event[] partials = {pool.acquire(), released, pool.acquire()};
    long[] generations = generationsOf(partials);
    recycler.recycle(released, released.generation(), RecycleReason.STRATEGY_HANDLED);

    assertThatThrownBy(
            () -> recycler.recycleMany(partials, generations, 3, RecycleReason.MERGE_TIMEOUT))
        .isInstanceOf(ReleaseRefusedException.class);

    assertThat(recycler.recycledCount(RecycleReason.MERGE_TIMEOUT)).isEqualTo(2);
    assertThat(pool.doubleReleaseCount()).isEqualTo(1);
  }

  @Test
  void shouldRecycleToTheEnvelopesOwnPoolAndLeaveAStandaloneOneToTheCollector() {
    Event pooled = pool.acquire();

    assertThat(Recycler.recycleToOrigin(pooled, pooled.generation(), RecycleReason.DEAD_LETTER))
        .isTrue();
    assertThat(Recycler.recycleToOrigin(Event.standalone(), 0, RecycleReason.DEAD_LETTER))
        .isFalse();
    assertThat(recycler.recycledCount(RecycleReason.DEAD_LETTER)).isEqualTo(1);
    assertThat(pool.foreignReleaseCount()).isZero();
  }

  @Test
  void shouldKeepThePerReasonCountsAddingUpToReleased() {
    for (RecycleReason reason : RecycleReason.values()) {
      Event event = pool.acquire();
      recycler.recycle(event, event.generation(), reason);
    }

    assertThat(recycler.recycledTotal()).isEqualTo(pool.releasedCount());
    assertThat(pool.acquiredCount()).isEqualTo(pool.releasedCount() + pool.inUse());
    assertThat(pool.unaccountedCount()).isZero();
  }

  private static long[] generationsOf(Event[] events) {
    long[] generations = new long[events.length];
    for (int i = 0; i < events.length; i++) {
      generations[i] = events[i] == null ? 0 : events[i].generation();
    }
    return generations;
  }

  private void usePool(EventPool replacement) {
    pool = replacement;
    recycler = replacement.recycler();
  }
}
