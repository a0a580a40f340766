package io.meltica.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.meltica.actors.StrategyContext;
import io.meltica.actors.StrategyMetrics;
import io.meltica.actors.StrategySpec;
import io.meltica.protocol.ControlResult;
import io.meltica.protocol.Event;
import io.meltica.protocol.EventKind;
import io.meltica.protocol.Side;
import io.meltica.protocol.counters.Metric;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.LockSupport;
import org.apache.pekko.actor.testkit.typed.javadsl.LogCapturingExtension;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.receptionist.Receptionist;
import org.apache.pekko.cluster.typed.Cluster;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Routing flips on a three-node cluster. While every node ingests market data, a flip blacks out no
 * node's market data, SC-010 holds per ingesting node, and CONTROL_RESULT comes only once every
 * strategy, on every node, confirmed the new minimum. Versions from peers are checked: one that
 * goes backwards or jumps out of range is refused and counted, and a peer that never answers delays
 * a flip by the prepare timeout only.
 */
@ExtendWith(LogCapturingExtension.class)
class RoutingFlipAcrossNodesTest {
  private static final int NODES = 3;
  private static final int STRATEGIES = 6;
  private static final Duration PATIENCE = Duration.ofSeconds(30);

  /** Each node publishes one trade every millisecond. */
  private static final long PERIOD_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

  /**
   * While {@link #busy}, a handler takes this long per market-data event (parked, no CPU): 250 a
   * second against the 3,000 a second the three nodes send each strategy, so a backlog builds, as
   * in the single-node SC-010 test.
   */
  private static final long BUSY_NANOS = TimeUnit.MILLISECONDS.toNanos(4);

  /** Fast strategies first (the reference share), then slow ones, then the flip. */
  private static final long STEADY_NANOS = TimeUnit.MILLISECONDS.toNanos(300);

  private static final long BACKLOG_NANOS = TimeUnit.MILLISECONDS.toNanos(1_000);
  private static final long AFTER_NANOS = TimeUnit.MILLISECONDS.toNanos(400);

  /** The flip window runs from the request to CONTROL_RESULT plus this. */
  private static final long MARGIN_NANOS = TimeUnit.MILLISECONDS.toNanos(5);

  private static final int MAX_EVENTS = 20_000;

  /** Measured trades are on instrument 1; warm-up trades on instrument 2, not measured. */
  private static final int MEASURED = 1;

  private static final int WARM_UP = 2;

  private final AtomicLongArray[] publishedAt = new AtomicLongArray[NODES];
  private final AtomicInteger[] published = new AtomicInteger[NODES];
  private final AtomicLongArray[][] handledAt = new AtomicLongArray[STRATEGIES][NODES];
  private final AtomicLongArray[][] versionOf = new AtomicLongArray[STRATEGIES][NODES];
  private final AtomicLong delivered = new AtomicLong();
  private final AtomicLong deliveredTwice = new AtomicLong();
  private final Map<Integer, StrategyContext> contexts = new ConcurrentHashMap<>();
  private final Map<Integer, String> hosts = new ConcurrentHashMap<>();
  private final Map<Integer, Long> minAtControlResult = new ConcurrentHashMap<>();
  private volatile boolean producing = true;
  private volatile boolean busy;

  RoutingFlipAcrossNodesTest() {
    for (int n = 0; n < NODES; n++) {
      publishedAt[n] = new AtomicLongArray(MAX_EVENTS);
      published[n] = new AtomicInteger();
      for (int s = 0; s < STRATEGIES; s++) {
        handledAt[s][n] = new AtomicLongArray(MAX_EVENTS);
        versionOf[s][n] = new AtomicLongArray(MAX_EVENTS);
      }
    }
  }

  @Test
  void shouldKeepEveryNodesMarketDataFlowingThroughAFlip() throws Exception {
    try (ClusterNodes cluster = new ClusterNodes(NODES, strategies(), "")) {
      MelticaCluster flipper = cluster.nodes.get(0);
      awaitStrategiesOnEveryNode(cluster);
      List<Thread> producers = new ArrayList<>();
      for (int n = 0; n < NODES; n++) {
        producers.add(startProducer(cluster.nodes.get(n), n));
      }
      long started = System.nanoTime();
      awaitNanos(started + STEADY_NANOS);
      long backlogFrom = System.nanoTime();
      // The backlog must hold only later trades: a steady-period trade still on its way (a slow
      // moment of the machine) would be handled at the busy pace behind a second of others and
      // meet the flip's new minimum, which is the flip's doing, not a loss before it.
      Awaitility.await("every trade published before the backlog handled by every strategy")
          .atMost(PATIENCE)
          .pollInSameThread()
          .until(() -> allDelivered(started, backlogFrom));
      busy = true;
      awaitNanos(System.nanoTime() + BACKLOG_NANOS);

      long flipRequested = System.nanoTime();
      AtomicLong completedAt = new AtomicLong();
      Map<Integer, Long> minAtResult = new HashMap<>();
      ControlResult result =
          flipper
              .flipRouting()
              .thenApply(
                  done -> { // as CONTROL_RESULT completes the stage
                    completedAt.set(System.nanoTime());
                    busy = false;
                    contexts.forEach((s, ctx) -> minAtResult.put(s, ctx.minAcceptedVersion()));
                    return done;
                  })
              .toCompletableFuture()
              .get(PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
      long flipCompleted = completedAt.get();
      long broadcastAt = flipper.pipeline().metrics().router().minVersionBroadcastNanos();
      awaitNanos(flipCompleted + AFTER_NANOS);
      producing = false;
      for (Thread producer : producers) {
        producer.join(PATIENCE.toMillis());
      }
      long expected = expectedDeliveries();
      Awaitility.await("every measured trade delivered or filtered")
          .atMost(PATIENCE)
          .pollInSameThread()
          .until(() -> delivered.get() + filtered(cluster) == expected);

      long v = result.routingVersion();
      assertThat(v).isEqualTo(2);
      assertThat(deliveredTwice.get()).as("market data at most once").isZero();
      System.out.printf(
          "flip: request -> broadcast of the new minimum %.1f ms, request -> CONTROL_RESULT %.1f"
              + " ms%n",
          (broadcastAt - flipRequested) / 1e6, (flipCompleted - flipRequested) / 1e6);
      long windowEnd = flipCompleted + MARGIN_NANOS;
      NodeShares[] shares = new NodeShares[NODES];
      for (int n = 0; n < NODES; n++) {
        shares[n] =
            new NodeShares(
                deliveredShare(n, started, backlogFrom),
                deliveredShare(n, flipRequested, windowEnd),
                deliveredShare(n, broadcastAt, Long.MAX_VALUE),
                staleDelivered(n, v, broadcastAt),
                (long) published[n].get() * STRATEGIES - deliveredCount(n));
        System.out.printf(
            "node %d: published %d (%d in the flip window); delivered share before the flip %.3f,"
                + " in the flip window %.3f, of what it published after the broadcast %.3f;"
                + " stale after the broadcast: %d delivered, %d filtered (%.2f %%)%n",
            n,
            published[n].get(),
            publishedBetween(n, flipRequested, windowEnd),
            shares[n].before,
            shares[n].during,
            shares[n].afterBroadcast,
            shares[n].staleDelivered,
            shares[n].staleFiltered,
            shares[n].staleShare() * 100);
      }
      for (int n = 0; n < NODES; n++) {
        assertThat(shares[n].before).as("node %d: delivered before the flip", n).isEqualTo(1.0);
        assertThat(shares[n].during)
            .as("node %d: share of its market data delivered in the flip window", n)
            .isGreaterThan(0);
        assertThat(shares[n].afterBroadcast)
            .as("node %d: what it published after the new minimum went out is never stale", n)
            .isEqualTo(1.0);
        assertThat(shares[n].staleFiltered)
            .as("node %d: stale market data was queued when the flip came", n)
            .isPositive();
        assertThat(shares[n].staleShare()).as("SC-010 on node %d", n).isLessThan(0.05);
      }

      assertThat(new HashSet<>(hosts.values())).as("strategies on every node").hasSize(NODES);
      assertThat(minAtResult.values())
          .as("every strategy, on every node, confirmed before CONTROL_RESULT")
          .hasSize(STRATEGIES)
          .allMatch(min -> min >= v);
      Awaitility.await("every strategy got its CONTROL_RESULT")
          .atMost(PATIENCE)
          .pollInSameThread()
          .until(() -> minAtControlResult.size() == STRATEGIES);
      assertThat(minAtControlResult.values())
          .as("each strategy's minimum when its CONTROL_RESULT came")
          .allMatch(min -> min >= v);
    }
  }

  @Test
  void shouldRefuseVersionsFromAPeerThatGoBackwardsOrOutOfRangeAndStillFlipToNewestPlusOne()
      throws Exception {
    try (ClusterNodes cluster = new ClusterNodes(NODES, strategies(), "")) {
      awaitStrategiesOnEveryNode(cluster);
      MelticaCluster node0 = cluster.nodes.get(0);
      assertThat(flip(node0)).isEqualTo(2);
      // A peer on node 1 talks to node 0's VersionSync over the wire.
      BlockingQueue<VersionSync.Command> heard = new LinkedBlockingQueue<>();
      ActorRef<VersionSync.Command> peer =
          cluster
              .systems
              .get(1)
              .systemActorOf(
                  Behaviors.receiveMessage(
                      (VersionSync.Command message) -> {
                        heard.add(message);
                        return Behaviors.same();
                      }),
                  "test-peer",
                  Props.empty());
      ActorRef<VersionSync.Command> versionsOf0 = versionSyncOf(cluster, 1, 0);

      versionsOf0.tell(new VersionSync.VersionAdopted(Long.MAX_VALUE, peer));
      awaitRefused(node0, "out_of_range", 1);
      versionsOf0.tell(new VersionSync.VersionAdopted(1, peer));
      awaitRefused(node0, "backwards", 1);
      assertThat(heard.poll(PATIENCE.toMillis(), TimeUnit.MILLISECONDS))
          .as("a peer that is behind is told the newest version")
          .isEqualTo(new VersionSync.VersionAdopted(2, versionsOf0));
      versionsOf0.tell(new VersionSync.Prepare(Long.MAX_VALUE - 1, peer));
      awaitRefused(node0, "out_of_range", 2);
      assertThat(heard.poll(PATIENCE.toMillis(), TimeUnit.MILLISECONDS))
          .as("a refused prepare is answered with the version node 0 stamps")
          .isEqualTo(new VersionSync.Prepared(2, versionsOf0));
      long maxJump =
          VersionSync.Settings.fromConfig(cluster.systems.get(0).settings().config())
              .maxVersionJump();
      versionsOf0.tell(new VersionSync.VersionAdopted(2 + maxJump + 1, peer));
      awaitRefused(node0, "out_of_range", 3);

      assertThat(flip(node0)).as("the next flip after the refusals").isEqualTo(3);

      versionsOf0.tell(new VersionSync.VersionAdopted(10, peer)); // forward, within range
      versionsOf0.tell(new VersionSync.VersionAdopted(1, peer));
      assertThat(heard.poll(PATIENCE.toMillis(), TimeUnit.MILLISECONDS))
          .as("node 0 adopted 10 from the peer")
          .isEqualTo(new VersionSync.VersionAdopted(10, versionsOf0));
      assertThat(flip(node0)).as("a node that adopted a version flips past it").isEqualTo(11);
      assertThat(flip(cluster.nodes.get(2)))
          .as("another node, which adopted 11 in that flip's first phase")
          .isEqualTo(12);
      assertThat(refused(node0, "out_of_range")).isEqualTo(3);
      for (MelticaCluster node : cluster.nodes.subList(1, NODES)) {
        assertThat(refused(node, "out_of_range"))
            .as("nodes 1 and 2 heard from honest peers only")
            .isZero();
      }
    }
  }

  @Test
  void shouldFlipWithoutAPeerThatDoesNotAnswerAfterThePrepareTimeout() throws Exception {
    try (ClusterNodes cluster =
        new ClusterNodes(NODES, strategies(), "meltica.cluster.flip.prepare-timeout = 300ms")) {
      awaitStrategiesOnEveryNode(cluster);
      ActorSystem<Void> node1 = cluster.systems.get(1);
      ActorRef<VersionSync.Command> silent =
          node1.systemActorOf(
              Behaviors.<VersionSync.Command>ignore(), "silent-peer", Props.empty());
      node1.receptionist().tell(Receptionist.register(VersionSync.KEY, silent));
      Awaitility.await("node 0 lists the silent peer")
          .atMost(PATIENCE)
          .pollInSameThread()
          .until(() -> listed(cluster.systems.get(0)).size() == NODES + 1);

      assertThat(flip(cluster.nodes.get(0))).isEqualTo(2);
      assertThat(flip(cluster.nodes.get(0))).isEqualTo(3);

      assertThat(
              cluster
                  .nodes
                  .get(0)
                  .pipeline()
                  .metrics()
                  .counters()
                  .total("meltica.cluster.version.prepare_timeouts"))
          .as("the silent peer, once per flip")
          .isEqualTo(2);
    }
  }

  private record NodeShares(
      double before,
      double during,
      double afterBroadcast,
      long staleDelivered,
      long staleFiltered) {
    double staleShare() {
      return staleDelivered == 0 ? 0 : (double) staleDelivered / (staleDelivered + staleFiltered);
    }
  }

  private List<ClusterStrategy> strategies() {
    List<ClusterStrategy> definitions = new ArrayList<>();
    for (int i = 0; i < STRATEGIES; i++) {
      int s = i;
      definitions.add(
          new ClusterStrategy(
              ClusterStrategy.FIRST_ID + i,
              StrategySpec.of("strategy-" + i, () -> (event, ctx) -> handle(s, event, ctx))));
    }
    return definitions;
  }

  private void handle(int s, Event event, StrategyContext ctx) {
    if (contexts.get(s) != ctx) {
      contexts.put(s, ctx);
    }
    EventKind kind = event.kind();
    if (kind == EventKind.CONTROL_RESULT) {
      minAtControlResult.put(s, ctx.minAcceptedVersion());
      return;
    }
    if (kind.isCritical()) {
      return;
    }
    if (event.instrumentId() == WARM_UP) {
      hosts.put(s, ctx.actorContext().getSystem().address().toString());
      return;
    }
    long start = System.nanoTime();
    int node = event.venueId() - 1;
    int seq = (int) event.price() - 1;
    if (!handledAt[s][node].compareAndSet(seq, 0, start)) {
      deliveredTwice.incrementAndGet();
    }
    versionOf[s][node].set(seq, event.routingVersion());
    delivered.incrementAndGet();
    if (busy) {
      LockSupport.parkNanos(BUSY_NANOS); // the strategy's work on the event
    }
  }

  /** Publishes from node {@code n} until told to stop, at a steady rate; catches up if late. */
  private Thread startProducer(MelticaCluster node, int n) {
    Thread thread =
        new Thread(
            () -> {
              long next = System.nanoTime();
              while (producing && published[n].get() < MAX_EVENTS) {
                long now = System.nanoTime();
                if (now < next) {
                  LockSupport.parkNanos(next - now);
                  continue;
                }
                int seq = published[n].get();
                publishedAt[n].set(seq, now);
                node.publish(
                    node.acquire()
                        .setKind(EventKind.TRADE)
                        .setVenueId(n + 1) // tells the nodes apart
                        .setInstrumentId(MEASURED)
                        .setSide(Side.BUY)
                        .setPrice(seq + 1)
                        .setQuantity(1)
                        .setIngestTimeNanos(now));
                published[n].incrementAndGet();
                next += PERIOD_NANOS;
              }
            },
            "producer-node-" + n);
    thread.setDaemon(true);
    thread.start();
    return thread;
  }

  /**
   * Warm-up trades from node 0 until every strategy runs and every node hosts some, then until
   * every node's VersionSync lists the other two: a flip prepares the nodes its receptionist knows.
   */
  private void awaitStrategiesOnEveryNode(ClusterNodes cluster) {
    MelticaCluster node = cluster.nodes.get(0);
    Awaitility.await("strategies on every node")
        .atMost(PATIENCE)
        .pollInterval(Duration.ofMillis(50))
        .pollInSameThread()
        .until(
            () -> {
              node.publish(
                  node.acquire()
                      .setKind(EventKind.TRADE)
                      .setVenueId(1)
                      .setInstrumentId(WARM_UP)
                      .setSide(Side.BUY)
                      .setPrice(1)
                      .setQuantity(1)
                      .setIngestTimeNanos(System.nanoTime()));
              return hosts.size() == STRATEGIES && new HashSet<>(hosts.values()).size() == NODES;
            });
    Awaitility.await("every VersionSync knows the others")
        .atMost(PATIENCE)
        .pollInSameThread()
        .until(() -> cluster.systems.stream().allMatch(s -> listed(s).size() == NODES));
  }

  /** The VersionSyncs the receptionist of {@code system} lists. */
  private static Set<ActorRef<VersionSync.Command>> listed(ActorSystem<?> system) {
    Receptionist.Listing listing =
        AskPattern.<Receptionist.Command, Receptionist.Listing>ask(
                system.receptionist(),
                replyTo -> Receptionist.find(VersionSync.KEY, replyTo),
                PATIENCE,
                system.scheduler())
            .toCompletableFuture()
            .join();
    return listing.getServiceInstances(VersionSync.KEY);
  }

  /** Node {@code node}'s VersionSync, as node {@code from} reaches it. */
  private static ActorRef<VersionSync.Command> versionSyncOf(
      ClusterNodes cluster, int from, int node) {
    var address = Cluster.get(cluster.systems.get(node)).selfMember().address();
    return listed(cluster.systems.get(from)).stream()
        .filter(ref -> ref.path().address().equals(address))
        .findFirst()
        .orElseThrow();
  }

  private static long flip(MelticaCluster node) throws Exception {
    return node.flipRouting()
        .toCompletableFuture()
        .get(PATIENCE.toMillis(), TimeUnit.MILLISECONDS)
        .routingVersion();
  }

  private static long refused(MelticaCluster node, String reason) {
    for (Metric metric : node.pipeline().metrics().counters().all()) {
      if (metric instanceof Metric.Counter counter
          && counter.name().equals("meltica.cluster.version.refused")
          && reason.equals(counter.labels().get("reason"))) {
        return counter.total().getAsLong();
      }
    }
    throw new AssertionError("no meltica.cluster.version.refused{reason=" + reason + "}");
  }

  private static void awaitRefused(MelticaCluster node, String reason, long count) {
    Awaitility.await("node 0 refused " + count + " version(s): " + reason)
        .atMost(PATIENCE)
        .pollInSameThread()
        .until(() -> refused(node, reason) == count);
  }

  private long expectedDeliveries() {
    long total = 0;
    for (int n = 0; n < NODES; n++) {
      total += (long) published[n].get() * STRATEGIES;
    }
    return total;
  }

  private static long filtered(ClusterNodes cluster) {
    long filtered = 0;
    for (MelticaCluster node : cluster.nodes) {
      filtered +=
          node.pipeline().metrics().strategies().stream()
              .mapToLong(StrategyMetrics::filtered)
              .sum();
    }
    return filtered;
  }

  private int publishedBetween(int n, long from, long to) {
    int count = 0;
    for (int seq = 0; seq < published[n].get(); seq++) {
      long at = publishedAt[n].get(seq);
      if (at >= from && at < to) {
        count++;
      }
    }
    return count;
  }

  /** Of node n's trades published in [from, to), the share that reached the strategies. */
  private boolean allDelivered(long from, long to) {
    for (int n = 0; n < NODES; n++) {
      if (deliveredShare(n, from, to) < 1.0) {
        return false;
      }
    }
    return true;
  }

  private double deliveredShare(int n, long from, long to) {
    long sent = 0;
    long got = 0;
    for (int seq = 0; seq < published[n].get(); seq++) {
      long at = publishedAt[n].get(seq);
      if (at < from || at >= to) {
        continue;
      }
      for (int s = 0; s < STRATEGIES; s++) {
        sent++;
        if (handledAt[s][n].get(seq) != 0) {
          got++;
        }
      }
    }
    return sent == 0 ? 0 : (double) got / sent;
  }

  private long deliveredCount(int n) {
    long got = 0;
    for (int s = 0; s < STRATEGIES; s++) {
      for (int seq = 0; seq < published[n].get(); seq++) {
        if (handledAt[s][n].get(seq) != 0) {
          got++;
        }
      }
    }
    return got;
  }

  /**
   * SC-010's count, as the single-node RoutingFlipTest makes it: node n's trades of a version older
   * than v that a handler took after the flipping router sent the new minimum.
   */
  private long staleDelivered(int n, long v, long broadcastAt) {
    long stale = 0;
    for (int s = 0; s < STRATEGIES; s++) {
      for (int seq = 0; seq < published[n].get(); seq++) {
        long at = handledAt[s][n].get(seq);
        if (at != 0 && at > broadcastAt && versionOf[s][n].get(seq) < v) {
          stale++;
        }
      }
    }
    return stale;
  }

  /** Lets the producers run until {@code deadline}; waits for no actor. */
  private static void awaitNanos(long deadline) {
    long left;
    while ((left = deadline - System.nanoTime()) > 0) {
      LockSupport.parkNanos(left);
    }
  }
}
