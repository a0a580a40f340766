package io.meltica.pool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.meltica.protocol.Event;
import io.meltica.protocol.EventKind;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class RecyclerTest {
  private EventPool pool = new EventPool(PoolConfig.ofCapacity(16));
  private Recycler recycler = new Recycler(pool);

  @AfterEach
  void noLeak() {
    assertThat(pool.inUse()).as(pool.leakReport().toString()).isZero();
  }

  @ParameterizedTest
  @EnumSource(RecycleReason.class)
  void shouldCountEachReasonSeparately(RecycleReason reason) {
    recycler.recycle(pool.acquire(), reason);
    recycler.recycle(pool.acquire(), reason);

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

    recycler.recycle(event, RecycleReason.CONSUMER_HANDLED);
    Event again = pool.acquire();

    assertThat(again).isSameAs(event);
    recycler.recycle(other, RecycleReason.CONSUMER_HANDLED);
    assertThat(again.kind()).isNull();
    assertThat(again.price()).isZero();
    assertThat(again.instrumentId()).isZero();
    recycler.recycle(again, RecycleReason.CONSUMER_HANDLED);
  }

  @Test
  void shouldHandOutAClearedEnvelopeAfterPoisoningInDebugMode() {
    Event event = pool.acquire().setPrice(42);
    recycler.recycle(event, RecycleReason.CONSUMER_HANDLED);

    for (int i = 0; i < pool.capacity(); i++) {
      Event next = pool.acquire();
      assertThat(next.price()).isZero();
      recycler.recycle(next, RecycleReason.CONSUMER_HANDLED);
    }
  }

  @Test
  void shouldCatchAUseAfterReleaseOnTheFirstAccessInDebugMode() {
    Event event = pool.acquire().setPrice(42);
    recycler.recycle(event, RecycleReason.CONSUMER_HANDLED);

    assertThatThrownBy(event::price)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("use after release")
        .hasMessageContaining("CONSUMER_HANDLED");
  }

  @ParameterizedTest(name = "debug={0}")
  @ValueSource(booleans = {true, false})
  void shouldThrowOnDoubleReleaseAndNotCountIt(boolean debug) {
    usePool(new EventPool(new PoolConfig(4, debug, false)));
    Event event = pool.acquire("strategy-1");
    recycler.recycle(event, RecycleReason.CONSUMER_HANDLED);

    assertThatThrownBy(() -> recycler.recycle(event, RecycleReason.SHUTDOWN))
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

    recycler.recycleMany(partials, 3, RecycleReason.MERGE_PARTIAL);

    assertThat(partials).containsOnlyNulls();
    assertThat(recycler.recycledCount(RecycleReason.MERGE_PARTIAL)).isEqualTo(3);
  }

  @Test
  void shouldRecycleTheRestWhenOnePartialWasAlreadyReleased() {
    Event stale = pool.acquire();
    recycler.recycle(stale, RecycleReason.CONSUMER_HANDLED);
    Event[] partials = {pool.acquire(), stale, pool.acquire()};

    assertThatThrownBy(() -> recycler.recycleMany(partials, 3, RecycleReason.MERGE_TIMEOUT))
        .isInstanceOf(IllegalStateException.class);

    assertThat(recycler.recycledCount(RecycleReason.MERGE_TIMEOUT)).isEqualTo(2);
  }

  @Test
  void shouldRecycleOnlyConsolidatedQuotesAsMerged() {
    Event merged = pool.acquire().setKind(EventKind.CONSOLIDATED_QUOTE);
    Event partial = pool.acquire().setKind(EventKind.QUOTE);

    recycler.recycleMerged(merged, RecycleReason.CONSUMER_HANDLED);
    assertThatThrownBy(() -> recycler.recycleMerged(partial, RecycleReason.CONSUMER_HANDLED))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("QUOTE");

    recycler.recycle(partial, RecycleReason.MERGE_PARTIAL);
    assertThat(recycler.recycledTotal()).isEqualTo(2);
  }

  private void usePool(EventPool replacement) {
    pool = replacement;
    recycler = new Recycler(replacement);
  }
}
