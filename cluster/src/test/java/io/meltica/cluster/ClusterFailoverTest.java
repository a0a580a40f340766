package io.meltica.cluster;

import static io.meltica.cluster.ClusterTraffic.publishExecReport;
import static io.meltica.cluster.ClusterTraffic.publishTrade;
import static org.assertj.core.api.Assertions.assertThat;

import io.meltica.actors.EventHandler;
import io.meltica.protocol.EventKind;
import io.meltica.protocol.ExecStatus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.apache.pekko.actor.testkit.typed.javadsl.LogCapturingExtension;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Nodes leaving and coming back while execution reports stream; an idle strategy kept. */
@ExtendWith(LogCapturingExtension.class)
class ClusterFailoverTest {
  private static final int STRATEGIES = 6;
  private static final Duration PATIENCE = Duration.ofSeconds(60);
  private static final Duration SLOW_HANDLER = Duration.ofMillis(5);
  private static final int BURST_BEFORE_LEAVING = 60;
  private static final int MARKET_DATA_AHEAD = 20_000;

  private final Received received = new Received();
  private final AtomicInteger handlersCreated = new AtomicInteger();

  private List<ClusterStrategy> strategies() {
    return ClusterTraffic.strategies(
        STRATEGIES,
        name -> {
          handlersCreated.incrementAndGet();
          EventHandler recorder = received.recorder(name);
          return (event, context) -> {
            recorder.onEvent(event, context);
            if (event.kind() == EventKind.EXEC_REPORT) {
              // a strategy that takes its time: acknowledgements lag, so a node that leaves
              // has critical events in flight
              LockSupport.parkNanos(SLOW_HANDLER.toNanos());
            }
          };
        });
  }

  @Test
  void shouldDeliverEveryExecutionReportOnceAndInOrderWhileEachNodeRestartsInTurn() {
    try (ClusterNodes cluster = new ClusterNodes(3, strategies(), "")) {
      Awaitility.await("every strategy started somewhere")
          .atMost(PATIENCE)
          .pollInSameThread()
          .until(
              () -> {
                publishTrade(cluster.nodes.get(0), 1);
                return received.marketData.size() == STRATEGIES;
              });
      ReportStream stream = new ReportStream(cluster);
      CompletableFuture<Void> streaming = CompletableFuture.runAsync(stream::run);

      for (int node = 0; node < 3; node++) {
        stream.pause(node);
        cluster.restart(node);
        stream.resume(node);
        stream.awaitOrdersPublishedFrom(node, 20);
      }
      stream.stop();
      streaming.join();

      Map<String, List<String>> expected = stream.expected();
      Awaitility.await("every execution report handled")
          .atMost(PATIENCE)
          .pollInSameThread()
          .until(() -> handledCount() >= stream.published());
      for (int i = 0; i < STRATEGIES; i++) {
        String name = "strategy-" + i;
        List<String> handled = List.copyOf(received.execReports.getOrDefault(name, List.of()));
        assertThat(handled)
            .as("%s: each report once, each order's reports in the order published", name)
            .containsExactlyElementsOf(inPublishedOrderPerOrder(expected.get(name), handled));
        assertThat(handled).as("%s: nothing lost", name).hasSameSizeAs(expected.get(name));
      }
    }
  }

  /**
   * A node that leaves right after publishing: its last execution reports are still on their way
   * through its routers and forwarders when it starts leaving. The drain must wait for them, not
   * answer at once because nothing has reached the sender yet; else the sender stops with them
   * unacknowledged and those meant for strategies it hosts are lost in the hand-off.
   */
  @Test
  void shouldDrainTheExecutionReportsPublishedJustBeforeLeaving() {
    try (ClusterNodes cluster = new ClusterNodes(2, strategies(), "")) {
      Awaitility.await("every strategy started somewhere")
          .atMost(PATIENCE)
          .pollInSameThread()
          .until(
              () -> {
                publishTrade(cluster.nodes.get(0), 1);
                return received.marketData.size() == STRATEGIES;
              });
      MelticaCluster leaving = cluster.nodes.get(1);
      // a backlog of market data ahead of the reports in the routers' ingresses, so that the
      // reports are still there when the node starts leaving, however fast this machine is
      for (int i = 0; i < MARKET_DATA_AHEAD; i++) {
        publishTrade(leaving, 2 + i % 100);
      }
      int published = 0;
      for (int i = 0; i < BURST_BEFORE_LEAVING; i++) {
        int strategyId = ClusterStrategy.FIRST_ID + i % STRATEGIES;
        if (publishExecReport(leaving, strategyId, 1_000 + i, ExecStatus.NEW)) {
          published++;
        }
      }

      cluster.restart(1);

      assertThat(leaving.criticalStats().lostCount())
          .as("every report it published acknowledged before it left")
          .isZero();
      int expected = published;
      Awaitility.await("every execution report handled")
          .atMost(PATIENCE)
          .pollInSameThread()
          .until(() -> handledCount() >= expected);
      assertThat(handledCount()).isEqualTo(expected);
    }
  }

  /**
   * {@code handled} must be an interleaving of the orders' report sequences: reports of different
   * orders may interleave (they were published from different nodes), those of one order may not be
   * reordered. Returns {@code expected} reordered into {@code handled}'s order of orders.
   */
  private static List<String> inPublishedOrderPerOrder(
      List<String> expected, List<String> handled) {
    Map<String, List<String>> byOrder = new HashMap<>();
    for (String report : expected) {
      byOrder.computeIfAbsent(report.split(" ")[0], o -> new ArrayList<>()).add(report);
    }
    List<String> merged = new ArrayList<>();
    for (String report : handled) {
      List<String> remaining = byOrder.get(report.split(" ")[0]);
      merged.add(remaining == null || remaining.isEmpty() ? "missing" : remaining.remove(0));
    }
    return merged;
  }

  private long handledCount() {
    return received.execReports.values().stream().mapToLong(List::size).sum();
  }

  @Test
  void shouldKeepAnIdleStrategyRunning() {
    String idleTimeout =
        "pekko.cluster.sharding.passivation.default-idle-strategy.idle-entity.timeout = 1s";
    try (ClusterNodes cluster = new ClusterNodes(1, strategies(), idleTimeout)) {
      MelticaCluster node = cluster.nodes.get(0);
      Awaitility.await("every strategy started")
          .atMost(PATIENCE)
          .pollInSameThread()
          .until(
              () -> {
                publishTrade(node, 1);
                return received.marketData.size() == STRATEGIES;
              });
      int created = handlersCreated.get();

      Awaitility.await("idle for three times the idle timeout")
          .during(Duration.ofSeconds(3))
          .atMost(Duration.ofSeconds(10))
          .until(() -> handlersCreated.get() == created);
      long before = received.marketDataOf("strategy-0");
      publishTrade(node, 2);
      Awaitility.await().atMost(PATIENCE).until(() -> received.marketDataOf("strategy-0") > before);

      assertThat(handlersCreated.get())
          .as("no strategy was passivated and started again")
          .isEqualTo(created);
    }
  }

  /**
   * Publishes execution reports from the nodes not paused, round robin: each order a
   * PARTIALLY_FILLED then a FILLED from the same node, for one strategy. Publishing holds the lock,
   * so once {@link #pause} returns nothing is being published from that node.
   */
  private static final class ReportStream {
    private final ClusterNodes cluster;
    private final boolean[] paused = new boolean[3];
    private final int[] ordersFrom = new int[3];
    private final Map<String, List<String>> expected = new HashMap<>();
    private volatile boolean stopped;
    private long published;
    private long nextOrder;

    ReportStream(ClusterNodes cluster) {
      this.cluster = cluster;
    }

    void run() {
      int node = 0;
      while (!stopped) {
        synchronized (this) {
          node = (node + 1) % 3;
          if (!paused[node]) {
            publishOrder(node);
          }
        }
        LockSupport.parkNanos(Duration.ofMillis(2).toNanos()); // a steady stream, not a flood
      }
    }

    private void publishOrder(int node) {
      long orderId = nextOrder++;
      int strategy = (int) (orderId % STRATEGIES);
      MelticaCluster from = cluster.nodes.get(node);
      for (ExecStatus status : List.of(ExecStatus.PARTIALLY_FILLED, ExecStatus.FILLED)) {
        assertThat(publishExecReport(from, ClusterStrategy.FIRST_ID + strategy, orderId, status))
            .isTrue();
        expected
            .computeIfAbsent("strategy-" + strategy, n -> new ArrayList<>())
            .add(orderId + " " + status);
        published++;
      }
      ordersFrom[node]++;
    }

    /** Publishes a last burst from {@code node} and stops publishing from it. */
    synchronized void pause(int node) {
      for (int i = 0; i < BURST_BEFORE_LEAVING; i++) {
        publishOrder(node);
      }
      paused[node] = true;
    }

    synchronized void resume(int node) {
      paused[node] = false;
      ordersFrom[node] = 0;
    }

    void awaitOrdersPublishedFrom(int node, int orders) {
      Awaitility.await("orders published from the restarted node")
          .atMost(PATIENCE)
          .until(() -> ordersFromNode(node) >= orders);
    }

    private synchronized int ordersFromNode(int node) {
      return ordersFrom[node];
    }

    void stop() {
      stopped = true;
    }

    synchronized long published() {
      return published;
    }

    synchronized Map<String, List<String>> expected() {
      return expected;
    }
  }
}
