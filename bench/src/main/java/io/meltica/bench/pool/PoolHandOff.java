package io.meltica.bench.pool;

import io.meltica.pool.EventPool;
import io.meltica.pool.PoolConfig;
import io.meltica.pool.RecycleReason;
import io.meltica.pool.Recycler;
import io.meltica.protocol.Event;
import org.jctools.queues.SpscArrayQueue;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.Control;

/**
 * The state two threads of a {@link PoolHandOffBenchmark} group share: a pool and the queue through
 * which one thread hands envelopes to the other, as the ingest side hands them to strategies.
 *
 * <h2>Concurrency</h2>
 *
 * One producer thread {@link #handOver}s, one strategy thread {@link #take}s: the JCTools SPSC
 * queue's offer/poll pair is the only hand-over edge. Both wait by spinning (the queue is bounded,
 * so the producer cannot run ahead and empty the pool) and give up as soon as JMH ends the
 * iteration ({@link Control#stopMeasurement}), so that neither waits for a partner that has
 * stopped. Envelopes left in the queue are released at the end of each iteration.
 */
@State(Scope.Group)
public class PoolHandOff {
  static final int QUEUE_CAPACITY = 1024;

  private SpscArrayQueue<Event> queue;
  private EventPool pool;
  private Recycler recycler;

  @Setup(Level.Trial)
  public void create() {
    queue = new SpscArrayQueue<>(QUEUE_CAPACITY);
    pool = new EventPool(new PoolConfig(PoolBenchmark.CAPACITY, false, false));
    recycler = pool.recycler();
  }

  /** Producer: passes {@code event} to the strategy; false if the iteration ended first. */
  boolean handOver(Event event, Control control) {
    while (!queue.offer(event)) {
      if (control.stopMeasurement) {
        return false;
      }
      Thread.onSpinWait();
    }
    return true;
  }

  /** Strategy: the next envelope handed over, or null if the iteration ended first. */
  Event take(Control control) {
    Event event;
    while ((event = queue.poll()) == null) {
      if (control.stopMeasurement) {
        return null;
      }
      Thread.onSpinWait();
    }
    return event;
  }

  EventPool pool() {
    return pool;
  }

  Recycler recycler() {
    return recycler;
  }

  /** Releases pooled envelopes left in the queue; unpooled ones are dropped. */
  @TearDown(Level.Iteration)
  public void drain() {
    Event event;
    while ((event = queue.poll()) != null) {
      if (pool.owns(event)) {
        recycler.recycle(event, event.generation(), RecycleReason.SHUTDOWN);
      }
    }
  }

  @TearDown(Level.Trial)
  public void checkPool() {
    pool.requireIdle("the benchmark");
  }
}
