package io.meltica.testkit.sim;

import io.meltica.actors.EventHandler;
import io.meltica.protocol.Event;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts old-version market data that strategies still handled after a flip was requested: the
 * stale deliveries of the report's {@code flip.stale_delivered}. Wraps each strategy's handler.
 *
 * <p>The flip state is written by the simulation driver and read by strategy threads through
 * volatile fields; a reading that races a flip only shifts one event between "before" and "after".
 */
final class FlipWatch {
  private final LongAdder staleDelivered = new LongAdder();
  private volatile long newestVersion = Long.MAX_VALUE;
  private volatile long requestedAtNanos = Long.MAX_VALUE;

  /** A flip to {@code version} is being requested now. */
  void flipRequested(long version) {
    requestedAtNanos = System.nanoTime();
    newestVersion = version;
  }

  long staleDelivered() {
    return staleDelivered.sum();
  }

  EventHandler watch(EventHandler handler) {
    return (event, ctx) -> {
      countIfStale(event);
      handler.onEvent(event, ctx);
    };
  }

  private void countIfStale(Event event) {
    if (event.kind().isMarketData()
        && event.routingVersion() < newestVersion
        && System.nanoTime() > requestedAtNanos) {
      staleDelivered.increment();
    }
  }
}
