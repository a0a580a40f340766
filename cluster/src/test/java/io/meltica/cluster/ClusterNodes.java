package io.meltica.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.meltica.actors.MelticaSettings;
import io.meltica.leakcheck.LeakCheck;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.pekko.actor.Address;
import org.apache.pekko.actor.CoordinatedShutdown;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.MemberStatus;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.Join;
import org.apache.pekko.remote.RARP;
import org.apache.pekko.remote.transport.ThrottlerTransportAdapter;
import org.awaitility.Awaitility;

/**
 * Several cluster nodes in one JVM on 127.0.0.1 (PEKKO-NOTES), each running Meltica with the same
 * strategies. Closing shuts every node down and runs the {@link LeakCheck} over them: every system
 * terminated, the nodes still running left no envelope in use, refused or unaccounted, and no
 * thread stayed behind.
 */
final class ClusterNodes implements AutoCloseable {
  private static final Config NODE =
      ConfigFactory.parseString(
          """
          pekko.actor.provider = cluster
          pekko.remote.artery.transport = tcp
          pekko.remote.artery.canonical.hostname = 127.0.0.1
          pekko.remote.artery.canonical.port = 0
          pekko.cluster.jmx.multi-mbeans-in-same-jvm = on
          pekko.coordinated-shutdown.run-by-jvm-shutdown-hook = off
          # terminate() is a crash (no leave, no hand-off); a node stops gracefully through
          # CoordinatedShutdown.run, as meltica node does
          pekko.coordinated-shutdown.run-by-actor-system-terminate = off
          pekko.cluster.run-coordinated-shutdown-when-down = off
          # downing as meltica node configures it, decided sooner than the 20 s default
          pekko.cluster.downing-provider-class = "org.apache.pekko.cluster.sbr.SplitBrainResolverProvider"
          pekko.cluster.split-brain-resolver.active-strategy = keep-majority
          pekko.cluster.split-brain-resolver.stable-after = 2s
          pekko.cluster.sharding.number-of-shards = 30
          # a hand-off to a node that died waits this long (default one minute)
          pekko.cluster.sharding.handoff-timeout = 5s
          pekko.loglevel = INFO
          meltica.orchestrator.merge.enabled = off
          """);

  private final LeakCheck leaks = LeakCheck.create().withTimeout(Duration.ofSeconds(30));
  final List<ActorSystem<Void>> systems = new ArrayList<>();
  final List<MelticaCluster> nodes = new ArrayList<>();
  private final List<Boolean> down = new ArrayList<>();
  private final Config config;
  private final List<ClusterStrategy> strategies;

  /** Starts {@code count} nodes, joins them to the first, waits for all Up, starts Meltica. */
  ClusterNodes(int count, List<ClusterStrategy> strategies, String extraConfig) {
    this.config =
        ConfigFactory.parseString(extraConfig)
            .withFallback(NODE)
            .withFallback(ConfigFactory.load());
    this.strategies = strategies;
    for (int i = 0; i < count; i++) {
      systems.add(ActorSystem.create(Behaviors.empty(), "meltica", config));
      down.add(false);
    }
    Address first = Cluster.get(systems.get(0)).selfMember().address();
    systems.forEach(system -> Cluster.get(system).manager().tell(Join.create(first)));
    awaitUp(count);
    MelticaSettings settings = MelticaSettings.fromConfig(config);
    systems.forEach(system -> nodes.add(MelticaCluster.start(system, settings, strategies)));
  }

  private void awaitUp(int count) {
    Awaitility.await("all nodes up")
        .atMost(Duration.ofSeconds(30))
        .pollInSameThread()
        .until(
            () ->
                systems.stream()
                    .filter(system -> !system.getWhenTerminated().toCompletableFuture().isDone())
                    .allMatch(s -> upMembers(s) == count));
  }

  private static long upMembers(ActorSystem<?> system) {
    return java.util.stream.StreamSupport.stream(
            Cluster.get(system).state().getMembers().spliterator(), false)
        .filter(member -> member.status() == MemberStatus.up())
        .count();
  }

  /**
   * Stops node {@code index} as a crash would: no leave, no hand-off; the others find it
   * unreachable and their Split Brain Resolver downs it.
   */
  void crash(int index) {
    systems.get(index).terminate();
    down.set(index, true);
  }

  /**
   * Cuts node {@code index} off from the others, both ways, with Artery's test-mode blackhole
   * (needs {@code pekko.remote.artery.advanced.test-mode = on}): it keeps running, but nothing
   * crosses. Its pool is not checked at the end: what it held when it was cut off is its own.
   */
  void partition(int index) {
    Address isolated = Cluster.get(systems.get(index)).selfMember().address();
    for (int other = 0; other < systems.size(); other++) {
      if (other != index) {
        blackhole(systems.get(other), isolated);
        blackhole(systems.get(index), Cluster.get(systems.get(other)).selfMember().address());
      }
    }
    down.set(index, true);
  }

  @SuppressWarnings("deprecation") // Artery's test mode takes the classic throttler's commands
  private static void blackhole(ActorSystem<?> from, Address to) {
    ((RARP) RARP.get(Adapter.toClassic(from)))
        .provider()
        .transport()
        .managementCommand(
            new ThrottlerTransportAdapter.SetThrottle(
                to,
                ThrottlerTransportAdapter.bothDirection(),
                ThrottlerTransportAdapter.blackholeThrottleMode()));
  }

  /**
   * Stops node {@code index} gracefully (it leaves the cluster, its entities move), checks it left
   * nothing in use, and starts a new incarnation of it that joins the others; returns once every
   * node sees all of them Up again.
   */
  void restart(int index) {
    stopGracefully(index);
    ActorSystem<Void> fresh = ActorSystem.create(Behaviors.empty(), "meltica", config);
    Address seed = Cluster.get(systems.get(index == 0 ? 1 : 0)).selfMember().address();
    Cluster.get(fresh).manager().tell(Join.create(seed));
    systems.set(index, fresh);
    awaitUp(systems.size());
    nodes.set(index, MelticaCluster.start(fresh, MelticaSettings.fromConfig(config), strategies));
  }

  private void stopGracefully(int index) {
    ActorSystem<Void> system = systems.get(index);
    CoordinatedShutdown.get(system).run(CoordinatedShutdown.unknownReason());
    assertThat(nodes.get(index).terminated().toCompletableFuture())
        .as("terminated, and what Pekko dropped on the way in given back")
        .succeedsWithin(Duration.ofSeconds(60));
    leaks.watch(system);
    leaks.watch(nodes.get(index).pipeline().pool());
  }

  /**
   * Shuts the nodes down last-joined first, each after the previous one finished: shutting the
   * first node (the sharding coordinator) down while the others leave costs ten seconds of waiting
   * for a cluster-exit that never completes.
   */
  @Override
  public void close() {
    for (int i = systems.size() - 1; i >= 0; i--) {
      if (down.get(i)) { // a crashed node's envelopes died with it
        leaks.watch(systems.get(i));
      } else {
        stopGracefully(i);
      }
    }
    assertThat(leaks.check()).as("leak check of every node").isEmpty();
  }
}
