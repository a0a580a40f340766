package io.meltica.pool;

import static org.assertj.core.api.Assertions.assertThat;

import io.meltica.protocol.Event;
import io.meltica.protocol.ReleaseRefusedException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Random acquire / hand-off / release / late-release scripts on several threads: the pool never
 * hands out an envelope that is still in use, every late release (with the generation the holder
 * had) is refused without touching the envelope's next owner, and the counters add up exactly once
 * the threads are done.
 */
class PoolPropertiesTest {
  private static final int THREADS = 3;

  enum Step {
    ACQUIRE,
    HAND_OFF,
    TAKE_OVER,
    RELEASE,
    LATE_RELEASE
  }

  /** An envelope and the generation its holder received. */
  record Held(Event event, long generation) {}

  @Property(tries = 150)
  void shouldNeverHandOutALiveEnvelopeRefuseEveryLateReleaseAndCountExactly(
      @ForAll("scripts") List<List<Step>> scripts, @ForAll("capacities") int capacity)
      throws InterruptedException {
    EventPool pool = new EventPool(PoolConfig.ofCapacity(capacity));
    Set<Event> live = ConcurrentHashMap.newKeySet();
    Queue<Held> handOffs = new ConcurrentLinkedQueue<>();
    List<Deque<Held>> held = new ArrayList<>();
    AtomicLong lateReleases = new AtomicLong();
    AtomicReference<Throwable> failure = new AtomicReference<>();
    CountDownLatch start = new CountDownLatch(1);
    List<Thread> threads = new ArrayList<>();

    for (List<Step> script : scripts) {
      Deque<Held> mine = new ArrayDeque<>();
      held.add(mine);
      Holder holder = new Holder(pool, live, handOffs, mine, lateReleases);
      Thread thread = new Thread(() -> holder.run(script, start, failure));
      threads.add(thread);
      thread.start();
    }
    start.countDown();
    for (Thread thread : threads) {
      thread.join();
    }

    assertThat(failure.get()).isNull();
    long outstanding = handOffs.size() + held.stream().mapToLong(Deque::size).sum();
    assertThat(pool.inUse()).isEqualTo(live.size()).isEqualTo(outstanding);
    long acquires = scripts.stream().flatMap(List::stream).filter(s -> s == Step.ACQUIRE).count();
    assertThat(pool.acquiredCount()).isEqualTo(acquires);
    assertThat(pool.staleReleaseCount() + pool.doubleReleaseCount())
        .isEqualTo(pool.refusedReleaseCount())
        .isEqualTo(lateReleases.get());
    assertThat(pool.unaccountedCount()).isZero();

    Recycler recycler = pool.recycler();
    handOffs.forEach(h -> recycler.recycle(h.event(), h.generation(), RecycleReason.SHUTDOWN));
    held.forEach(
        mine ->
            mine.forEach(h -> recycler.recycle(h.event(), h.generation(), RecycleReason.SHUTDOWN)));
    assertThat(pool.inUse()).isZero();
    assertThat(pool.releasedCount()).isEqualTo(pool.acquiredCount());
    assertThat(pool.unaccountedCount()).isZero();
  }

  /** One thread's script: what it holds, and what it released and might release again. */
  private record Holder(
      EventPool pool,
      Set<Event> live,
      Queue<Held> handOffs,
      Deque<Held> mine,
      AtomicLong lateReleases) {

    void run(List<Step> script, CountDownLatch start, AtomicReference<Throwable> failure) {
      Deque<Held> released = new ArrayDeque<>();
      try {
        start.await();
        for (Step step : script) {
          step(step, released);
        }
      } catch (Throwable t) {
        failure.compareAndSet(null, t);
      }
    }

    private void step(Step step, Deque<Held> released) {
      switch (step) {
        case ACQUIRE -> {
          Event event = pool.acquire("property");
          if (!live.add(event)) {
            throw new AssertionError("handed out while in use: " + event);
          }
          mine.push(new Held(event, event.generation()));
        }
        case HAND_OFF -> {
          if (!mine.isEmpty()) {
            handOffs.add(mine.pop());
          }
        }
        case TAKE_OVER -> {
          Held taken = handOffs.poll();
          if (taken != null) {
            mine.push(taken);
          }
        }
        case RELEASE -> {
          Held h = mine.poll();
          if (h != null) {
            live.remove(h.event()); // before the release: afterwards another thread may own it
            pool.recycler().recycle(h.event(), h.generation(), RecycleReason.STRATEGY_HANDLED);
            released.push(h);
          }
        }
        case LATE_RELEASE -> {
          Held stale = released.poll();
          if (stale != null) {
            lateReleases.incrementAndGet();
            try {
              pool.recycler().recycle(stale.event(), stale.generation(), RecycleReason.DEAD_LETTER);
              throw new AssertionError("a late release was accepted: " + stale);
            } catch (ReleaseRefusedException expected) {
              // refused, and the envelope's next owner (if any) still holds it
            }
          }
        }
      }
    }
  }

  @Provide
  Arbitrary<List<List<Step>>> scripts() {
    return Arbitraries.of(Step.class).list().ofMaxSize(300).list().ofSize(THREADS);
  }

  @Provide
  Arbitrary<Integer> capacities() {
    return Arbitraries.integers().between(1, 64);
  }
}
