package io.meltica.bench.fanout;

import java.util.List;
import org.openjdk.jmh.annotations.Param;

/**
 * Fan-out throughput of the {@link FanOutImpl}s for N = 1, 5, 10 and 50 subscribers running the
 * same trivial handler ({@link DeliveryTally}). See {@link BatchedDeliveryBenchmark} for what one
 * operation is and how allocation per delivery is read.
 */
public class FanOutBenchmark extends BatchedDeliveryBenchmark {
  /** See {@link FanOutImpl} for the labels. */
  @Param({"meltica", "pekko-plain", "disruptor", "pekko-bare-tell"})
  public String impl;

  @Param({"1", "5", "10", "50"})
  public int subscribers;

  /**
   * HOCON over the Meltica pipeline's settings, for experiments (no commas: JMH splits on them),
   * e.g. {@code -p melticaSettings=meltica.strategy.mailbox=bench.pekko-mailboxes}.
   */
  @Param({""})
  public String melticaSettings = "";

  @Override
  protected int subscriberCount() {
    return subscribers;
  }

  @Override
  protected FanOutTarget startTarget(List<DeliveryTally> tallies) {
    return FanOutImpl.ofLabel(impl).start(tallies, melticaSettings);
  }
}
