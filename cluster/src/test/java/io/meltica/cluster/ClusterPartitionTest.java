package io.meltica.cluster;

import static io.meltica.cluster.ClusterTraffic.publishExecReport;
import static io.meltica.cluster.ClusterTraffic.publishTrade;
import static org.assertj.core.api.Assertions.assertThat;

import io.meltica.protocol.ExecStatus;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import org.apache.pekko.actor.testkit.typed.javadsl.LogCapturingExtension;
import org.apache.pekko.cluster.MemberStatus;
import org.apache.pekko.cluster.typed.Cluster;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A network partition cuts one node off from the other two (Artery's test-mode blackhole): the
 * Split Brain Resolver (keep-majority) downs the minority, its strategies restart on the majority,
 * and the majority loses no critical event.
 */
@ExtendWith(LogCapturingExtension.class)
class ClusterPartitionTest {
  private static final int STRATEGIES = 6;
  private static final Duration PATIENCE = Duration.ofSeconds(30);

  private final Received received = new Received();

  @Test
  void shouldDownTheMinorityAndLoseNoCriticalEventOnTheMajority() {
    try (ClusterNodes cluster =
        new ClusterNodes(
            3,
            ClusterTraffic.strategies(STRATEGIES, received::recorder),
            "pekko.remote.artery.advanced.test-mode = on")) {
      MelticaCluster majority = cluster.nodes.get(0);
      String isolated = cluster.systems.get(2).address().toString();
      Awaitility.await("strategies on every node, node 2 included")
          .atMost(PATIENCE)
          .pollInterval(Duration.ofMillis(100))
          .pollInSameThread()
          .until(
              () -> {
                publishTrade(majority, 1);
                return received.nodes.values().stream().anyMatch(hosts -> hosts.contains(isolated))
                    && received.marketData.size() == STRATEGIES;
              });

      cluster.partition(2);
      Set<String> expected = new HashSet<>();
      for (long orderId = 0; orderId < 120; orderId++) {
        int strategy = (int) (orderId % STRATEGIES);
        publishExecReport(
            majority, ClusterStrategy.FIRST_ID + strategy, orderId, ExecStatus.FILLED);
        expected.add("strategy-" + strategy + ": exec " + orderId);
      }

      // failure detection (~4 s), stable-after (2 s here), removal, the shards re-allocated
      Awaitility.await("the majority downed node 2 and kept itself")
          .atMost(PATIENCE)
          .pollInSameThread()
          .until(() -> upMembersSeenBy(cluster, 0) == 2 && upMembersSeenBy(cluster, 1) == 2);
      Awaitility.await("every execution report the majority published, handled")
          .atMost(PATIENCE)
          .pollInSameThread()
          .until(() -> received.criticalReceived().containsAll(expected));
      Awaitility.await("and acknowledged: nothing left in flight")
          .atMost(PATIENCE)
          .pollInSameThread()
          .until(() -> majority.criticalStats().inFlightCount() == 0);
      assertThat(Cluster.get(cluster.systems.get(2)).selfMember().status())
          .as("the minority downed itself")
          .isIn(MemberStatus.down(), MemberStatus.removed());
    }
  }

  private static long upMembersSeenBy(ClusterNodes cluster, int node) {
    Set<String> up = new HashSet<>();
    Cluster.get(cluster.systems.get(node))
        .state()
        .getMembers()
        .forEach(
            member -> {
              if (member.status() == MemberStatus.up()) {
                up.add(member.address().toString());
              }
            });
    return up.size();
  }
}
