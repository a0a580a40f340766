package io.meltica.bench.fanout;

import java.util.List;
import org.openjdk.jmh.annotations.Param;

/**
 * Lever 4 (docs/performance.md): Meltica's fan-out to N subscribers with K routers ({@code
 * meltica.router.partitions}) and events spread over M instruments in turn. One instrument always
 * passes one router, so K routers can only share the work when M &ge; K.
 */
public class PartitionedFanOutBenchmark extends BatchedDeliveryBenchmark {
  @Param({"1", "2"})
  public int partitions;

  /** At most the default registry's 3 instruments. */
  @Param({"2"})
  public int instruments;

  /** Ten, as the ratio rounds; not a JMH parameter. */
  public int subscribers = 10;

  @Override
  protected int subscriberCount() {
    return subscribers;
  }

  @Override
  protected FanOutTarget startTarget(List<DeliveryTally> tallies) {
    return new MelticaFanOut(tallies, "meltica.router.partitions = " + partitions, instruments);
  }
}
