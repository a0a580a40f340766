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
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.MemberStatus;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.Join;
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
          pekko.cluster.run-coordinated-shutdown-when-down = off
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

  /** Starts {@code count} nodes, joins them to the first, waits for all Up, starts Meltica. */
  ClusterNodes(int count, List<ClusterStrategy> strategies, String extraConfig) {
    Config config =
        ConfigFactory.parseString(extraConfig)
            .withFallback(NODE)
            .withFallback(ConfigFactory.load());
    for (int i = 0; i < count; i++) {
      systems.add(ActorSystem.create(Behaviors.empty(), "meltica", config));
      down.add(false);
    }
    Address first = Cluster.get(systems.get(0)).selfMember().address();
    systems.forEach(system -> Cluster.get(system).manager().tell(Join.create(first)));
    Awaitility.await("all nodes up")
        .atMost(Duration.ofSeconds(30))
        .pollInSameThread()
        .until(() -> systems.stream().allMatch(s -> upMembers(s) == count));
    MelticaSettings settings = MelticaSettings.fromConfig(config);
    systems.forEach(system -> nodes.add(MelticaCluster.start(system, settings, strategies)));
  }

  private static long upMembers(ActorSystem<?> system) {
    return java.util.stream.StreamSupport.stream(
            Cluster.get(system).state().getMembers().spliterator(), false)
        .filter(member -> member.status() == MemberStatus.up())
        .count();
  }

  /** Downs node {@code index} from the first node and terminates its system, as a crash would. */
  void crash(int index) {
    Address address = Cluster.get(systems.get(index)).selfMember().address();
    Cluster.get(systems.get(0)).manager().tell(new org.apache.pekko.cluster.typed.Down(address));
    systems.get(index).terminate();
    down.set(index, true);
  }

  /**
   * Shuts the nodes down last-joined first, each after the previous one finished: shutting the
   * first node (the sharding coordinator) down while the others leave costs ten seconds of waiting
   * for a cluster-exit that never completes.
   */
  @Override
  public void close() {
    for (int i = systems.size() - 1; i >= 0; i--) {
      systems.get(i).terminate();
      assertThat(systems.get(i).getWhenTerminated().toCompletableFuture())
          .succeedsWithin(Duration.ofSeconds(30));
      leaks.watch(systems.get(i));
      if (!down.get(i)) { // a crashed node's envelopes died with it
        leaks.watch(nodes.get(i).pipeline().pool());
      }
    }
    assertThat(leaks.check()).as("leak check of every node").isEmpty();
  }
}
