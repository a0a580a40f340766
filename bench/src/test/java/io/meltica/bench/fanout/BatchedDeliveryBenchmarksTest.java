package io.meltica.bench.fanout;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Runs every delivery benchmark variant through its JMH lifecycle, tiny: setup, two batches,
 * teardown. Teardown terminates the variant's ActorSystem or threads; for the pooled variants it
 * fails if an envelope is still in use, which the test checks again.
 */
class BatchedDeliveryBenchmarksTest {

  static Stream<BatchedDeliveryBenchmark> variants() {
    Stream<BatchedDeliveryBenchmark> fanOuts =
        Arrays.stream(FanOutImpl.values())
            .map(
                impl -> {
                  FanOutBenchmark benchmark = new FanOutBenchmark();
                  benchmark.impl = impl.label();
                  benchmark.subscribers = 3;
                  return benchmark;
                });
    Stream<BatchedDeliveryBenchmark> wrappings =
        Arrays.stream(ConsumerWrapping.values())
            .map(
                wrapping -> {
                  ConsumerWrappingBenchmark benchmark = new ConsumerWrappingBenchmark();
                  benchmark.wrapping = wrapping.label();
                  benchmark.subscribers = 3;
                  return benchmark;
                });
    Stream<BatchedDeliveryBenchmark> partitioned =
        Stream.of(1, 2)
            .map(
                partitions -> {
                  PartitionedFanOutBenchmark benchmark = new PartitionedFanOutBenchmark();
                  benchmark.partitions = partitions;
                  benchmark.instruments = 2;
                  benchmark.subscribers = 3;
                  return benchmark;
                });
    return Stream.of(fanOuts, wrappings, partitioned).flatMap(variants -> variants);
  }

  @ParameterizedTest
  @MethodSource("variants")
  void shouldDeliverEveryBatchToEverySubscriberAndStopCleanly(BatchedDeliveryBenchmark benchmark) {
    benchmark.deliveriesPerOp = 30;
    DeliveryCounter counter = new DeliveryCounter();
    counter.reset();

    benchmark.start();
    try {
      benchmark.deliverBatch(counter);
      benchmark.deliverBatch(counter);

      assertThat(benchmark.runner().eventsPerBatch()).isEqualTo(10);
      assertThat(counter.deliveries).isEqualTo(60);
      assertThat(benchmark.runner().deliveredTotal()).isEqualTo(60);
    } finally {
      benchmark.stop();
    }
    FanOutTarget target = benchmark.runner().target();
    if (target instanceof MelticaFanOut meltica) {
      assertThat(meltica.pipeline().pool().inUse()).isZero();
    } else if (target instanceof WrappedConsumersFanOut wrapped) {
      assertThat(wrapped.pool().inUse()).isZero();
      assertThat(wrapped.pool().acquiredCount()).isEqualTo(60);
    }
  }
}
