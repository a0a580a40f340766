package io.meltica.bench.fanout;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The JMH lifecycle every delivery benchmark shares; subclasses say how many subscribers and what
 * delivers to them. One operation is one batch of a {@link BatchRunner}, published to N subscribers
 * and waited for. JMH reports batches per second and, through {@link DeliveryCounter}, deliveries
 * per second; with {@code -prof gc}, {@code gc.alloc.rate.norm} is bytes per batch over every
 * thread (the actors' included), so bytes per delivery = that × batches ÷ deliveries.
 *
 * <p>Single-threaded ({@code @Threads(1)}, the default): the benchmark thread is the only
 * publisher, which the Disruptor's single-producer ring relies on.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
public abstract class BatchedDeliveryBenchmark {
  /** Deliveries per operation; events per batch = this ÷ subscribers (at least 1). */
  @Param({"8192"})
  public int deliveriesPerOp;

  private BatchRunner runner;

  /** Subscribers to start. */
  protected abstract int subscriberCount();

  /** Starts what delivers to one subscriber per tally. */
  protected abstract FanOutTarget startTarget(List<DeliveryTally> tallies);

  @Setup(Level.Trial)
  public void start() {
    runner = new BatchRunner(subscriberCount(), deliveriesPerOp, this::startTarget);
  }

  @Benchmark
  public void deliverBatch(DeliveryCounter counter) {
    counter.deliveries += runner.runBatch();
  }

  @TearDown(Level.Trial)
  public void stop() {
    runner.close();
  }

  BatchRunner runner() {
    return runner;
  }
}
