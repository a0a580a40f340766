package io.meltica.cluster;

import io.meltica.actors.EventHandler;
import io.meltica.protocol.EventKind;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the test strategies received, kept outside the entities so that it survives an entity moving
 * from node to node: per strategy, the critical events it handled and where, its execution reports
 * in the order handled, and its market data count.
 */
final class Received {
  final Map<String, Set<String>> critical = new ConcurrentHashMap<>();
  final Map<String, Set<String>> nodes = new ConcurrentHashMap<>();
  final Map<String, AtomicLong> marketData = new ConcurrentHashMap<>();
  final Map<String, AtomicLong> lastVersion = new ConcurrentHashMap<>();

  /** Per strategy, its execution reports as handled, in order: "orderId STATUS". */
  final Map<String, List<String>> execReports = new ConcurrentHashMap<>();

  /** A handler for strategy {@code name} that records into this. */
  EventHandler recorder(String name) {
    return (event, ctx) -> {
      EventKind kind = event.kind();
      nodes
          .computeIfAbsent(name, n -> ConcurrentHashMap.newKeySet())
          .add(ctx.actorContext().getSystem().address().toString());
      if (kind == EventKind.EXEC_REPORT) {
        criticalOf(name).add("exec " + event.orderId());
        execReports
            .computeIfAbsent(name, n -> Collections.synchronizedList(new ArrayList<>()))
            .add(event.orderId() + " " + event.execStatus());
      } else if (kind.isCritical()) {
        criticalOf(name).add(kind + " v" + event.routingVersion());
      } else {
        marketData.computeIfAbsent(name, n -> new AtomicLong()).incrementAndGet();
        lastVersion.computeIfAbsent(name, n -> new AtomicLong()).set(event.routingVersion());
      }
    };
  }

  Set<String> criticalOf(String name) {
    return critical.computeIfAbsent(name, n -> ConcurrentHashMap.newKeySet());
  }

  /** Whether strategy-0 .. strategy-(count - 1) have each handled some market data. */
  boolean allGotMarketData(int count) {
    for (int i = 0; i < count; i++) {
      if (marketDataOf("strategy-" + i) == 0) {
        return false;
      }
    }
    return true;
  }

  /** The addresses of the nodes that have run any strategy. */
  Set<String> nodesHosting() {
    Set<String> hosts = new HashSet<>();
    nodes.values().forEach(hosts::addAll);
    return hosts;
  }

  /** Every critical event handled, as "strategy-i: event". */
  Set<String> criticalReceived() {
    Set<String> all = new HashSet<>();
    critical.forEach((name, events) -> events.forEach(e -> all.add(name + ": " + e)));
    return all;
  }

  long marketDataOf(String name) {
    AtomicLong count = marketData.get(name);
    return count == null ? 0 : count.get();
  }
}
