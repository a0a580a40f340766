package io.meltica.bench.pool;

import io.meltica.pool.RecycleReason;
import io.meltica.protocol.Event;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Group;
import org.openjdk.jmh.annotations.GroupThreads;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.infra.Blackhole;
import org.openjdk.jmh.infra.Control;

/**
 * The pool across threads, as in the pipeline: one thread acquires and hands the envelope over
 * through a queue, another releases it ({@code pooled}); against a fresh {@link Event} handed over
 * and dropped to the garbage collector ({@code allocated}). Each group runs one producer and one
 * strategy thread; JMH's group score counts both threads' operations, so hand-overs per second are
 * the producer method's score.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class PoolHandOffBenchmark {

  @Benchmark
  @Group("pooled")
  @GroupThreads(1)
  public void acquireAndHandOver(PoolHandOff handOff, Control control) {
    Event event = handOff.pool().acquire(PoolBenchmark.OWNER_TAG);
    if (!handOff.handOver(event, control)) {
      handOff.recycler().recycle(event, event.generation(), RecycleReason.SHUTDOWN);
    }
  }

  @Benchmark
  @Group("pooled")
  @GroupThreads(1)
  public void takeAndRelease(PoolHandOff handOff, Control control) {
    Event event = handOff.take(control);
    if (event != null) {
      handOff.recycler().recycle(event, event.generation(), RecycleReason.STRATEGY_HANDLED);
    }
  }

  @Benchmark
  @Group("allocated")
  @GroupThreads(1)
  public void allocateAndHandOver(PoolHandOff handOff, Control control) {
    handOff.handOver(Event.standalone(), control);
  }

  @Benchmark
  @Group("allocated")
  @GroupThreads(1)
  public void takeAndDrop(PoolHandOff handOff, Control control, Blackhole blackhole) {
    blackhole.consume(handOff.take(control));
  }
}
