package io.meltica.bench.fanout;

/**
 * One fan-out implementation under test, started with its subscribers: each published value reaches
 * every subscriber's {@link DeliveryTally}.
 *
 * <p>{@link #publish} is called by one thread only (the benchmark thread); {@link #close} by that
 * thread once nothing is in flight, and it releases every thread and resource the target started.
 */
public interface FanOutTarget extends AutoCloseable {
  /** Sends one event carrying {@code value} to every subscriber. Never blocks on a subscriber. */
  void publish(long value);

  @Override
  void close();
}
