package io.meltica.bench.cluster;

import com.typesafe.config.Config;
import io.meltica.actors.MelticaSettings;
import io.meltica.bench.BenchPipelines;
import io.meltica.bench.Waits;
import io.meltica.cluster.ClusterStrategy;
import io.meltica.cluster.MelticaCluster;
import java.time.Duration;
import java.util.List;
import java.util.function.IntFunction;
import java.util.stream.StreamSupport;
import org.apache.pekko.actor.Address;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.cluster.MemberStatus;
import org.apache.pekko.cluster.sharding.ShardRegion.ClusterShardingStats;
import org.apache.pekko.cluster.sharding.typed.ClusterShardingQuery;
import org.apache.pekko.cluster.sharding.typed.GetClusterShardingStats;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.Join;

/**
 * Two Pekko cluster nodes in this JVM, talking over Artery TCP on 127.0.0.1, each running Meltica
 * with the same strategies: node 0 publishes, node 1 hosts the strategies sharding puts there.
 * Everything crosses a real socket and the real serializer; only the JVM is shared, so both nodes
 * read one {@link System#nanoTime()} clock.
 *
 * <p>Closing shuts node 1 down, then node 0, and fails if either left an envelope in use. Start and
 * close from one thread.
 */
final class TwoNodes implements AutoCloseable {
  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  private static final String NODE =
      String.join(
          "\n",
          "pekko.actor.provider = cluster",
          "pekko.remote.artery.transport = tcp",
          "pekko.remote.artery.canonical.hostname = 127.0.0.1",
          "pekko.remote.artery.canonical.port = 0",
          "pekko.cluster.jmx.multi-mbeans-in-same-jvm = on",
          "pekko.cluster.run-coordinated-shutdown-when-down = off",
          "pekko.cluster.sharding.number-of-shards = 100",
          // shards first land where the first message finds a region; the coordinator then moves
          // some over: let that happen within the warm-up, not during a measurement
          "pekko.cluster.sharding.rebalance-interval = 1s",
          // every delivery counts: nothing conflated, dropped or lost to a full outbound queue
          "meltica.strategy.market-data.policy = unbounded",
          "pekko.remote.artery.advanced.outbound-message-queue-size = 100000");

  private final List<ActorSystem<Void>> systems;
  private final List<MelticaCluster> nodes;

  /**
   * @param strategies the strategy definitions of node {@code i}: the same names and ids on both,
   *     handlers of their own
   */
  TwoNodes(IntFunction<List<ClusterStrategy>> strategies) {
    Config config = BenchPipelines.config(NODE);
    systems =
        List.of(
            BenchPipelines.newSystem("meltica", config),
            BenchPipelines.newSystem("meltica", config));
    Address first = Cluster.get(systems.get(0)).selfMember().address();
    systems.forEach(system -> Cluster.get(system).manager().tell(Join.create(first)));
    Waits.until(
        () -> systems.stream().allMatch(system -> upMembers(system) == 2), TIMEOUT, "2 nodes up");
    MelticaSettings settings = MelticaSettings.fromConfig(config);
    nodes =
        List.of(
            MelticaCluster.start(systems.get(0), settings, strategies.apply(0)),
            MelticaCluster.start(systems.get(1), settings, strategies.apply(1)));
    // Shards go to the regions the coordinator knows at the first message: with only node 0's
    // registered, every strategy would start there and move later, mid-measurement.
    Waits.until(() -> shardRegions(systems.get(0)) == 2, TIMEOUT, "both shard regions");
  }

  private static int shardRegions(ActorSystem<?> system) {
    ClusterShardingStats stats =
        AskPattern.<ClusterShardingQuery, ClusterShardingStats>ask(
                ClusterSharding.get(system).shardState(),
                replyTo ->
                    new GetClusterShardingStats(
                        MelticaCluster.STRATEGY, Duration.ofSeconds(1), replyTo),
                Duration.ofSeconds(3),
                system.scheduler())
            .toCompletableFuture()
            .join();
    return stats.getRegions().size();
  }

  /** The publishing node. */
  MelticaCluster publisher() {
    return nodes.get(0);
  }

  /** Envelopes in use on both nodes. */
  long inUse() {
    return nodes.stream().mapToLong(node -> node.pipeline().pool().inUse()).sum();
  }

  private static long upMembers(ActorSystem<?> system) {
    return StreamSupport.stream(Cluster.get(system).state().getMembers().spliterator(), false)
        .filter(member -> member.status() == MemberStatus.up())
        .count();
  }

  @Override
  public void close() {
    for (int i = systems.size() - 1; i >= 0; i--) {
      BenchPipelines.terminate(systems.get(i));
      nodes.get(i).pipeline().pool().requireIdle("node " + i);
    }
  }
}
