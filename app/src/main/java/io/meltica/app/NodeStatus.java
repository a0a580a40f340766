package io.meltica.app;

import io.meltica.actors.ConsumerMetrics;
import io.meltica.cluster.CriticalStats;
import io.meltica.cluster.MelticaCluster;
import java.io.PrintWriter;
import java.util.stream.StreamSupport;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.cluster.MemberStatus;
import org.apache.pekko.cluster.typed.Cluster;

/** The once-a-second status line of {@code meltica node}. */
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
    long handledHere =
        node.pipeline().metrics().consumers().stream().mapToLong(ConsumerMetrics::delivered).sum();
    CriticalStats critical = node.criticalStats();
    out.printf(
        "%s  members up %d  routed %d  handled here %d  critical sent %d acked %d resent %d"
            + "  pool in use %d%n",
        Cluster.get(system).selfMember().address(),
        up,
        node.pipeline().metrics().router().events(),
        handledHere,
        critical.sentCount(),
        critical.ackedCount(),
        critical.resentCount(),
        node.pipeline().pool().inUse());
    out.flush();
  }
}
