package io.meltica.app;

import io.meltica.cluster.MelticaCluster;
import io.meltica.protocol.counters.Counters;
import java.io.PrintWriter;
import java.util.stream.StreamSupport;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.cluster.MemberStatus;
import org.apache.pekko.cluster.typed.Cluster;

/** The once-a-second status line of {@code meltica node}, read from the counters registry. */
final class NodeStatus {
  private final ActorSystem<?> system;
  private final MelticaCluster node;
  private final PrintWriter out;

  NodeStatus(ActorSystem<?> system, MelticaCluster node, PrintWriter out) {
    this.system = system;
    this.node = node;
    this.out = out;
  }

  /** Whether this node is Up in the cluster. */
  boolean isUp() {
    return Cluster.get(system).selfMember().status() == MemberStatus.up();
  }

  void print() {
    long up =
        StreamSupport.stream(Cluster.get(system).state().getMembers().spliterator(), false)
            .filter(member -> member.status() == MemberStatus.up())
            .count();
    Counters counters = node.pipeline().metrics().counters();
    out.printf(
        "%s  members up %d  routed %d  handled here %d  critical sent %d acked %d resent %d"
            + " in flight %d  pool in use %d%n",
        Cluster.get(system).selfMember().address(),
        up,
        counters.total("meltica.router.events"),
        counters.sum("meltica.strategy.delivered"),
        counters.total("meltica.cluster.critical.sent"),
        counters.total("meltica.cluster.critical.acked"),
        counters.total("meltica.cluster.critical.resent"),
        node.criticalStats().inFlightCount(),
        node.pipeline().pool().inUse());
    out.flush();
  }
}
