package io.meltica.simulation;

import io.meltica.actors.EventHandler;
import io.meltica.actors.RouterMetrics;
import io.meltica.protocol.Event;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts old-version market data that strategies still handled after the router had sent them a
 * flip's new minimum version: the report's {@code flip.stale_delivered}. From that moment the
 * control-aware mailbox puts the new minimum ahead of any queued market data, so what is still
 * delivered is what a strategy was already handling. Wraps each strategy's handler.
 *
 * <p>Reads the router's broadcast version and time, both volatile; a reading that races a flip
 * shifts one event between "before" and "after".
 */
final class FlipWatch {
  private final RouterMetrics router;
  private final LongAdder staleDelivered = new LongAdder();

  FlipWatch(RouterMetrics router) {
    this.router = router;
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
    long newest = router.minVersionBroadcast();
    if (event.kind().isMarketData()
        && event.routingVersion() < newest
        && System.nanoTime() > router.minVersionBroadcastNanos()) {
      staleDelivered.increment();
    }
  }
}
