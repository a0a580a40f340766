package io.meltica.bench.pool;

import io.meltica.pool.EventPool;
import io.meltica.pool.PoolConfig;
import io.meltica.pool.RecycleReason;
import io.meltica.pool.Recycler;
import io.meltica.protocol.Event;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The pool on one thread: acquire and release through the {@link Recycler} (what one delivery costs
 * the pool), against allocating a fresh {@link Event} (what it would cost without one). Debug mode
 * off. One thread per state: nothing is shared.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class PoolBenchmark {
  static final String OWNER_TAG = "bench";
  static final int CAPACITY = 4096;

  private EventPool pool;
  private Recycler recycler;

  @Setup(Level.Trial)
  public void createPool() {
    pool = new EventPool(new PoolConfig(CAPACITY, false, false));
    recycler = pool.recycler();
  }

  /** One envelope out of the pool and back, on the same thread. */
  @Benchmark
  public void acquireRelease() {
    Event event = pool.acquire(OWNER_TAG);
    recycler.recycle(event, event.generation(), RecycleReason.STRATEGY_HANDLED);
  }

  /** A fresh envelope instead of a pooled one. */
  @Benchmark
  public Event allocate() {
    return Event.standalone();
  }

  @TearDown(Level.Trial)
  public void checkPool() {
    pool.requireIdle("the benchmark");
  }

  EventPool pool() {
    return pool;
  }
}
