package io.meltica.bench.fanout;

import java.util.List;
import org.openjdk.jmh.annotations.Param;

/**
 * What each layer around a strategy costs per delivery ({@link ConsumerWrapping}): batches told
 * straight to N wrapped strategy actors, no orchestrator or router hop. Read with {@code -prof gc}:
 * the difference in bytes per delivery between neighbouring variants is that layer's allocation
 * (the per-message MDC, a behaviour returning {@code this}). See {@link BatchedDeliveryBenchmark}
 * for what one operation is.
 */
public class ConsumerWrappingBenchmark extends BatchedDeliveryBenchmark {
  /** See {@link ConsumerWrapping} for the labels. */
  @Param({
    "bare",
    "recycle-interceptor",
    "recycle-supervise",
    "meltica-wrap",
    "meltica-wrap-mdc-per-message",
    "meltica-wrap-returning-this"
  })
  public String wrapping;

  @Param({"10"})
  public int subscribers;

  @Override
  protected int subscriberCount() {
    return subscribers;
  }

  @Override
  protected FanOutTarget startTarget(List<DeliveryTally> tallies) {
    return new WrappedConsumersFanOut(ConsumerWrapping.ofLabel(wrapping), tallies);
  }
}
