package io.meltica.pool;

import static org.assertj.core.api.Assertions.assertThat;

import io.meltica.protocol.Event;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Random acquire / hand-off / release scripts on several threads: the pool never hands out an
 * envelope that is still in use, and its in-use count matches the model exactly once the threads
 * are done.
 */
class PoolPropertiesTest {
  private static final int THREADS = 3;

  enum Step {
    ACQUIRE,
    HAND_OFF,
    TAKE_OVER,
    RELEASE
  }

  @Property(tries = 150)
  void shouldNeverHandOutALiveEnvelopeAndCountExactly(
      @ForAll("scripts") List<List<Step>> scripts, @ForAll("capacities") int capacity)
      throws InterruptedException {
    EventPool pool = new EventPool(PoolConfig.ofCapacity(capacity));
    Recycler recycler = new Recycler(pool);
    Set<Event> live = ConcurrentHashMap.newKeySet();
    Queue<Event> handOffs = new ConcurrentLinkedQueue<>();
    List<Deque<Event>> held = new ArrayList<>();
    AtomicReference<Throwable> failure = new AtomicReference<>();
    CountDownLatch start = new CountDownLatch(1);
    List<Thread> threads = new ArrayList<>();

    for (List<Step> script : scripts) {
      Deque<Event> mine = new ArrayDeque<>();
      held.add(mine);
      Thread thread =
          new Thread(() -> run(script, mine, pool, recycler, live, handOffs, start, failure));
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

    handOffs.forEach(e -> recycler.recycle(e, RecycleReason.SHUTDOWN));
    held.forEach(events -> events.forEach(e -> recycler.recycle(e, RecycleReason.SHUTDOWN)));
    assertThat(pool.inUse()).isZero();
    assertThat(pool.releasedCount()).isEqualTo(pool.acquiredCount());
  }

  private static void run(
      List<Step> script,
      Deque<Event> mine,
      EventPool pool,
      Recycler recycler,
      Set<Event> live,
      Queue<Event> handOffs,
      CountDownLatch start,
      AtomicReference<Throwable> failure) {
    try {
      start.await();
      for (Step step : script) {
        switch (step) {
          case ACQUIRE -> {
            Event event = pool.acquire("property");
            if (!live.add(event)) {
              throw new AssertionError("handed out while in use: " + event);
            }
            mine.push(event);
          }
          case HAND_OFF -> {
            if (!mine.isEmpty()) {
              handOffs.add(mine.pop());
            }
          }
          case TAKE_OVER -> {
            Event event = handOffs.poll();
            if (event != null) {
              mine.push(event);
            }
          }
          case RELEASE -> {
            Event event = mine.poll();
            if (event != null) {
              live.remove(event); // before the release: afterwards another thread may own it
              recycler.recycle(event, RecycleReason.CONSUMER_HANDLED);
            }
          }
        }
      }
    } catch (Throwable t) {
      failure.compareAndSet(null, t);
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
