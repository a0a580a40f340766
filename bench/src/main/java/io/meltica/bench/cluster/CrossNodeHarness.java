package io.meltica.bench.cluster;

import io.meltica.bench.BenchEvents;
import io.meltica.bench.Waits;
import io.meltica.bench.latency.LatencyResult;
import io.meltica.cluster.MelticaCluster;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Cross-node fan-out on two nodes over loopback ({@link TwoNodes}): node 0 publishes TRADE events,
 * the sharded strategies run where sharding put them, on node 0 ("local": the envelope itself) or
 * node 1 ("remote": serialized, sent over Artery TCP, decoded into node 1's pool).
 *
 * <ul>
 *   <li>Latency at fixed rates: publish → handler start, from each event's intended send time (so a
 *       stalled publisher still counts the stall), for local and remote strategies apart.
 *   <li>Throughput: a burst published as fast as the two pools allow, timed from the first publish
 *       to the last delivery; deliveries per second on each node.
 * </ul>
 *
 * <p>Market data is at most once across nodes; the nodes here are configured so that nothing should
 * be lost, and what was lost anyway is reported, not hidden. Runs on the calling thread, the only
 * publisher; one {@link #run} per instance.
 */
public final class CrossNodeHarness {
  private static final Duration DELIVERY_TIMEOUT = Duration.ofSeconds(10);
  private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(60);

  private final CrossNodePlan plan;
  private final Consumer<String> progress;

  /** Node 0's and node 1's. */
  private final List<CrossNodeProbe> probes;

  private long nextSequence;
  private long published;

  /** Deliveries expected before the counts were last reset. */
  private long expectedBefore;

  /** Deliveries lost since the counts were last reset, already reported. */
  private long lostBefore;

  public CrossNodeHarness(CrossNodePlan plan, Consumer<String> progress) {
    this.plan = plan;
    this.progress = progress;
    this.probes =
        List.of(new CrossNodeProbe(plan.strategies()), new CrossNodeProbe(plan.strategies()));
  }

  /** Runs the plan on two fresh nodes and returns the {@code cross_node} section. */
  public Map<String, Object> run() {
    try (TwoNodes nodes = new TwoNodes(node -> probes.get(node).definitions())) {
      MelticaCluster publisher = nodes.publisher();
      atFixedRate(publisher, plan.warmupRate(), plan.warmup());
      long warmupLost = awaitDeliveries(nodes);
      probes.forEach(CrossNodeProbe::resetCounts);
      expectedBefore = published * plan.strategies();
      lostBefore = 0;
      List<Map<String, Object>> latency = new ArrayList<>();
      for (long rate : plan.rates()) {
        latency.add(report("cross-node latency ", latency(nodes, rate)));
      }
      Map<String, Object> result = new LinkedHashMap<>();
      result.put("nodes", 2);
      result.put("strategies", plan.strategies());
      // where the strategies ran during the latency runs (one that moved would count twice)
      result.put("strategies_on_publishing_node", probes.get(0).hosted());
      result.put("strategies_on_other_node", probes.get(1).hosted());
      result.put("warmup_lost", warmupLost);
      result.put("latency", latency);
      result.put("throughput", report("cross-node throughput ", throughput(nodes)));
      return result;
    }
  }

  private Map<String, Object> latency(TwoNodes nodes, long rate) {
    long settleEvents = rate * plan.settle().toMillis() / 1000;
    long measuredEvents = rate * plan.measure().toMillis() / 1000;
    long first = nextSequence + settleEvents;
    probes.forEach(probe -> probe.measure(first, first + measuredEvents));
    long deliveredBefore = delivered();
    atFixedRate(nodes.publisher(), rate, plan.settle().plus(plan.measure()));
    long lost = awaitDeliveries(nodes);
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("rate", rate);
    json.put("measured_events", measuredEvents);
    LatencyResult.putPercentiles(json, "local_", probes.get(0).latency());
    LatencyResult.putPercentiles(json, "remote_", probes.get(1).latency());
    json.put("deliveries", delivered() - deliveredBefore);
    json.put("lost", lost);
    return json;
  }

  private Map<String, Object> throughput(TwoNodes nodes) {
    long local = probes.get(0).deliveredTotal();
    long remote = probes.get(1).deliveredTotal();
    long start = System.nanoTime();
    for (long i = 0; i < plan.burstEvents(); i++) {
      while (nodes.inUse() >= plan.burstInFlight()) {
        Thread.onSpinWait();
      }
      publish(nodes.publisher(), System.nanoTime());
    }
    long lost = awaitDeliveries(nodes);
    double seconds = (System.nanoTime() - start) / 1e9;
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("events", plan.burstEvents());
    json.put("seconds", LatencyResult.round(seconds, 3));
    json.put("events_per_s", Math.round(plan.burstEvents() / seconds));
    json.put(
        "local_deliveries_per_s", Math.round((probes.get(0).deliveredTotal() - local) / seconds));
    json.put(
        "remote_deliveries_per_s", Math.round((probes.get(1).deliveredTotal() - remote) / seconds));
    json.put("lost", lost);
    return json;
  }

  /** Publishes on a fixed schedule for {@code duration}; each event carries its intended time. */
  private void atFixedRate(MelticaCluster publisher, long rate, Duration duration) {
    long count = rate * duration.toMillis() / 1000;
    long start = System.nanoTime();
    for (long i = 0; i < count; i++) {
      long intended = start + i * 1_000_000_000L / rate;
      Waits.untilNanoTime(intended);
      publish(publisher, intended);
    }
  }

  private void publish(MelticaCluster publisher, long sentAtNanos) {
    long sequence = nextSequence++;
    publisher.publish(
        BenchEvents.trade(publisher.acquire(), sequence, 0).setEventTimeNanos(sentAtNanos));
    published++;
  }

  /**
   * Waits until every strategy has every event published so far, or until the timeout: market data
   * is at most once, so what has not arrived by then is reported as lost. Then waits for both pools
   * to be idle.
   *
   * @return deliveries lost since the previous call
   */
  private long awaitDeliveries(TwoNodes nodes) {
    long expected = published * plan.strategies() - expectedBefore;
    try {
      Waits.until(() -> delivered() >= expected, DELIVERY_TIMEOUT, "every delivery");
    } catch (IllegalStateException timedOut) {
      progress.accept("cross-node: " + (expected - delivered()) + " deliveries lost so far");
    }
    Waits.until(() -> nodes.inUse() == 0, DRAIN_TIMEOUT, "both pools to drain");
    long lost = expected - delivered() - lostBefore;
    lostBefore += lost;
    return lost;
  }

  private long delivered() {
    return probes.get(0).deliveredTotal() + probes.get(1).deliveredTotal();
  }

  private Map<String, Object> report(String label, Map<String, Object> entry) {
    progress.accept(label + entry);
    return entry;
  }
}
