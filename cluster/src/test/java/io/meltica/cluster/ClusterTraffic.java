package io.meltica.cluster;

import io.meltica.actors.EventHandler;
import io.meltica.actors.StrategySpec;
import io.meltica.protocol.Event;
import io.meltica.protocol.EventKind;
import io.meltica.protocol.ExecStatus;
import io.meltica.protocol.Side;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The cluster tests' strategies and the events they publish: a trade for every strategy, an
 * execution report for one.
 */
final class ClusterTraffic {
  private ClusterTraffic() {}

  /** Strategies strategy-0 .. strategy-(count - 1), ids from FIRST_ID, each with its handler. */
  static List<ClusterStrategy> strategies(int count, Function<String, EventHandler> handlers) {
    List<ClusterStrategy> definitions = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      String name = "strategy-" + i;
      definitions.add(
          new ClusterStrategy(
              ClusterStrategy.FIRST_ID + i, StrategySpec.of(name, () -> handlers.apply(name))));
    }
    return definitions;
  }

  static boolean publishTrade(MelticaCluster node, long price) {
    Event trade =
        node.acquire()
            .setKind(EventKind.TRADE)
            .setVenueId(1)
            .setInstrumentId(1)
            .setPrice(price)
            .setQuantity(1)
            .setIngestTimeNanos(System.nanoTime());
    return node.publish(trade);
  }

  static boolean publishExecReport(
      MelticaCluster node, int strategyId, long orderId, ExecStatus status) {
    Event report =
        node.acquire()
            .setKind(EventKind.EXEC_REPORT)
            .setInstrumentId(1)
            .setTargetStrategyId(strategyId)
            .setOrderId(orderId)
            .setExecStatus(status)
            .setSide(Side.BUY)
            .setIngestTimeNanos(System.nanoTime());
    return node.publish(report);
  }
}
