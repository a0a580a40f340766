/**
 * JMH benchmarks of fan-out throughput and allocation. {@link FanOutBenchmark} compares the {@link
 * FanOutImpl}s (Meltica, plain Pekko, a bare tell, the LMAX Disruptor) for N subscribers. {@link
 * PartitionedFanOutBenchmark} varies the number of routers. {@link ConsumerWrappingBenchmark}
 * measures each layer Meltica wraps around a strategy ({@link ConsumerWrapping}). All of them
 * extend {@link BatchedDeliveryBenchmark} and use a {@link BatchRunner}: a batch is published to N
 * subscribers, each counts it in a {@link DeliveryTally}, and the publisher waits at a {@link
 * BatchBarrier}.
 *
 * <h2>Threading</h2>
 *
 * The benchmark thread is the only publisher ({@code @Threads(1)}). It alone calls {@link
 * FanOutTarget#publish} and uses the {@link BatchRunner} and {@link DeliveryCounter}. Subscribers
 * run on actors, or on one Disruptor handler thread each. A {@link DeliveryTally} has one writer at
 * a time and plain fields; other threads read it only after the barrier. {@link BatchBarrier}
 * counts arrivals in an {@link java.util.concurrent.atomic.AtomicInteger}; the last subscriber to
 * arrive unparks the waiting benchmark thread.
 */
package io.meltica.bench.fanout;
