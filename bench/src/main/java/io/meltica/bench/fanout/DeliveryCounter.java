package io.meltica.bench.fanout;

import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Deliveries completed, reported by JMH next to the operation rate as {@code deliveries} (per
 * second). An operation is a whole batch, so deliveries per second is the figure that compares
 * across subscriber counts. Written by the benchmark thread only.
 */
@State(Scope.Thread)
@AuxCounters(AuxCounters.Type.OPERATIONS)
public class DeliveryCounter {
  /** Public for JMH, which reads it reflectively. */
  public long deliveries;

  /** JMH resets nothing itself: every iteration starts from zero. */
  @Setup(Level.Iteration)
  public void reset() {
    deliveries = 0;
  }
}
