package io.meltica.app;

import io.meltica.actors.EventHandler;
import io.meltica.protocol.EventKind;
import java.util.concurrent.atomic.LongAdder;

/**
 * A self-check of {@code meltica node}'s strategies: a synthetic venue numbers its execution
 * reports 1, 2, 3..., and the cluster delivers a node's critical events to each strategy in the
 * order it sent them, so per venue a strategy must see the order ids only grow. Wraps a handler and
 * counts every report whose order id is not above the last one of its venue (out of order or handed
 * over twice). A strategy that moves starts its record afresh. Meaningful only while each node has
 * a venue id of its own (a node's venue is its port modulo the venues configured, as with the
 * README's ports 2551 to 2553): two nodes that share one interleave their order ids, so the count
 * is reported, never acted on.
 *
 * <p>The record is confined to the strategy's actor; the count is any thread's to read.
 */
final class ExecReportOrder {
  private final LongAdder violations = new LongAdder();

  /** {@code handler}, checked. */
  EventHandler wrap(EventHandler handler) {
    long[] lastOrderIdByVenue = new long[256];
    return (event, context) -> {
      int venue = event.venueId();
      if (event.kind() == EventKind.EXEC_REPORT && venue >= 0 && venue < 256) {
        if (event.orderId() <= lastOrderIdByVenue[venue]) {
          violations.increment();
        }
        lastOrderIdByVenue[venue] = Math.max(lastOrderIdByVenue[venue], event.orderId());
      }
      handler.onEvent(event, context);
    };
  }

  /** Reports seen out of order or twice so far. */
  long violations() {
    return violations.sum();
  }
}
