package io.meltica.cluster;

import io.meltica.actors.MelticaPipeline;
import java.time.Duration;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.actor.typed.pubsub.Topic;

/**
 * Carries routing versions between nodes. A flip is issued on one node; every node's orchestrator
 * must then stamp the new version, or the market data it ingests is stale to the strategies.
 *
 * <p>Each node announces the newest version it knows on a cluster-wide pub-sub topic: at once after
 * a local flip, and again every {@link #ANNOUNCE_EVERY}. A pub-sub message to a node the topic does
 * not know yet is lost, so the repetition is what makes every node converge; versions only grow, so
 * adopting an announcement twice, or late, is harmless.
 */
final class VersionSync extends AbstractBehavior<VersionSync.Command> {
  static final Duration ANNOUNCE_EVERY = Duration.ofSeconds(1);

  sealed interface Command permits VersionAdopted, LocalFlip, Announce {}

  /** A node knows {@code version}. Crosses nodes. */
  record VersionAdopted(long version) implements Command, ClusterMessage {}

  /** This node flipped to {@code version}. */
  record LocalFlip(long version) implements Command {}

  private enum Announce implements Command {
    INSTANCE
  }

  private final MelticaPipeline pipeline;
  private final ActorRef<Topic.Command<VersionAdopted>> topic;
  private long newest = 1;

  static Behavior<Command> create(
      MelticaPipeline pipeline, ActorRef<Topic.Command<VersionAdopted>> topic) {
    return Behaviors.setup(
        ctx ->
            Behaviors.withTimers(
                timers -> {
                  timers.startTimerWithFixedDelay(Announce.INSTANCE, ANNOUNCE_EVERY);
                  topic.tell(Topic.subscribe(ctx.getSelf().narrow()));
                  return new VersionSync(ctx, pipeline, topic);
                }));
  }

  private VersionSync(
      ActorContext<Command> ctx,
      MelticaPipeline pipeline,
      ActorRef<Topic.Command<VersionAdopted>> topic) {
    super(ctx);
    this.pipeline = pipeline;
    this.topic = topic;
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(VersionAdopted.class, adopted -> adopt(adopted.version()))
        .onMessage(
            LocalFlip.class,
            flip -> {
              newest = Math.max(newest, flip.version());
              return announce();
            })
        .onMessageEquals(Announce.INSTANCE, this::announce)
        .build();
  }

  private Behavior<Command> adopt(long version) {
    if (version > newest) {
      newest = version;
      pipeline.adoptRoutingVersion(version);
    }
    return this;
  }

  private Behavior<Command> announce() {
    if (newest > 1) {
      topic.tell(Topic.publish(new VersionAdopted(newest)));
    }
    return this;
  }
}
