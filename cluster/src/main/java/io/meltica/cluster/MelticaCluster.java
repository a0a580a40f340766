package io.meltica.cluster;

import io.meltica.actors.MelticaPipeline;
import io.meltica.actors.MelticaSettings;
import io.meltica.cluster.wire.WireStatsExtension;
import io.meltica.protocol.ControlResult;
import io.meltica.protocol.Event;
import io.meltica.protocol.StrategyMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.Done;
import org.apache.pekko.actor.CoordinatedShutdown;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.sharding.typed.javadsl.Entity;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityTypeKey;
import org.apache.pekko.cluster.typed.Cluster;

/**
 * Meltica on one node of a Pekko cluster: strategies run as Cluster Sharding entities spread over
 * the nodes, and every node runs its own ingest pipeline (pool, orchestrator, router) whose router
 * fans out to every strategy, local or remote.
 *
 * <ul>
 *   <li>Market data reaches a strategy at most once: to a local entity as the pooled envelope
 *       itself, to a remote one in the wire format, read into the receiving node's pool.
 *   <li>Critical events reach it at least once ({@link CriticalSender}, {@link CriticalInbox}),
 *       surviving an entity moving and a node leaving.
 *   <li>A routing flip is issued on one node: its router raises the minimum version of every
 *       strategy on every node, CONTROL_RESULT follows once all have confirmed, and the other
 *       nodes' orchestrators adopt the new version ({@link VersionSync}).
 * </ul>
 *
 * <p>Start it on every node with the same strategy definitions, after the node joined the cluster
 * (or while it joins: entities start once the node is up).
 */
public final class MelticaCluster {
  /** The sharded strategies' type key. */
  public static final EntityTypeKey<StrategyMessage> STRATEGY =
      EntityTypeKey.create(StrategyMessage.class, "meltica-strategy");

  private static final Duration RESEND_AFTER = Duration.ofMillis(500);
  private static final Duration STOP_MARKET_DATA_TIMEOUT = Duration.ofSeconds(3);

  private final MelticaPipeline pipeline;
  private final CriticalStats criticalStats;
  private final ActorRef<VersionSync.Command> versions;

  private MelticaCluster(
      MelticaPipeline pipeline,
      CriticalStats criticalStats,
      ActorRef<VersionSync.Command> versions) {
    this.pipeline = pipeline;
    this.criticalStats = criticalStats;
    this.versions = versions;
  }

  /** Starts this node's part: its pipeline, the strategy entities it may host, its forwarders. */
  public static MelticaCluster start(
      ActorSystem<?> system, MelticaSettings settings, List<ClusterStrategy> strategies) {
    MelticaPipeline pipeline =
        MelticaPipeline.start(
            system,
            settings,
            "meltica",
            // after the shard regions stopped: their entities' queued envelopes, and what the
            // regions dropped while handing off, go through its dead-letter recycler
            CoordinatedShutdown.PhaseBeforeActorSystemTerminate());
    WirePool.get(system).use(pipeline.pool());
    CriticalStats criticalStats = new CriticalStats();
    criticalStats.registerIn(pipeline.metrics().counters());
    WireStatsExtension.get(system).registerIn(pipeline.metrics().counters());
    ClusterSharding sharding = ClusterSharding.get(system);
    sharding.init(
        Entity.of(
                STRATEGY,
                context ->
                    strategyEntity(
                        pipeline, criticalStats, strategyNamed(strategies, context.getEntityId())))
            // the default market-data policy's mailbox: one entity type, one mailbox
            .withEntityProps(pipeline.strategyProps(STRATEGY.name())));
    String producerId = Cluster.get(system).selfMember().uniqueAddress().toString();
    ActorRef<CriticalSender.Command> criticalSender =
        system.systemActorOf(
            CriticalSender.create(
                producerId,
                name -> sharding.entityRefFor(STRATEGY, name),
                RESEND_AFTER,
                criticalStats),
            "meltica-critical-sender",
            Props.empty());
    List<ActorRef<StrategyMessage>> forwarders = new ArrayList<>();
    for (ClusterStrategy strategy : strategies) {
      ActorRef<StrategyMessage> forwarder =
          system.systemActorOf(
              EntityForwarder.create(
                  strategy.name(),
                  sharding.entityRefFor(STRATEGY, strategy.name()),
                  criticalSender),
              "meltica-forwarder-" + strategy.strategyId(),
              Props.empty());
      pipeline.subscribeRef(strategy.strategyId(), strategy.strategy().instruments(), forwarder);
      forwarders.add(forwarder);
    }
    stopMarketDataWhenLeaving(system, forwarders);
    ActorRef<VersionSync.Command> versions =
        system.systemActorOf(VersionSync.create(pipeline), "meltica-version-sync", Props.empty());
    return new MelticaCluster(pipeline, criticalStats, versions);
  }

  /**
   * Before the shard regions hand their shards off, market data stops flowing into them: what a
   * region buffers while it leaves may never be delivered, and it would hold pooled envelopes.
   */
  private static void stopMarketDataWhenLeaving(
      ActorSystem<?> system, List<ActorRef<StrategyMessage>> forwarders) {
    CoordinatedShutdown.get(system)
        .addTask(
            CoordinatedShutdown.PhaseBeforeClusterShutdown(),
            "meltica-stop-market-data",
            () -> {
              CompletableFuture<?>[] stopped =
                  forwarders.stream()
                      .map(
                          forwarder ->
                              AskPattern.<StrategyMessage, Done>ask(
                                      forwarder,
                                      EntityForwarder.StopMarketData::new,
                                      STOP_MARKET_DATA_TIMEOUT,
                                      system.scheduler())
                                  .toCompletableFuture())
                      .toArray(CompletableFuture[]::new);
              return CompletableFuture.allOf(stopped).thenApply(all -> Done.getInstance());
            });
  }

  private static Behavior<StrategyMessage> strategyEntity(
      MelticaPipeline pipeline, CriticalStats stats, ClusterStrategy strategy) {
    return Behaviors.intercept(
        () -> new CriticalInbox(pipeline.pool(), stats),
        pipeline.strategyBehavior(strategy.strategyId(), strategy.strategy()));
  }

  private static ClusterStrategy strategyNamed(List<ClusterStrategy> strategies, String name) {
    for (ClusterStrategy strategy : strategies) {
      if (strategy.name().equals(name)) {
        return strategy;
      }
    }
    throw new IllegalArgumentException(
        "no strategy named '" + name + "' on this node: start every node with the same strategies");
  }

  /** Takes an envelope to fill and {@link #publish}. */
  public Event acquire() {
    return pipeline.acquire();
  }

  /** Publishes through this node's pipeline to every subscribed strategy in the cluster. */
  public boolean publish(Event event) {
    return pipeline.publish(event);
  }

  /**
   * Flips the routing version from this node, in two phases ({@link VersionSync}): every node
   * stamps the new version first, then every strategy on every node raises its minimum to it.
   * Completes with the CONTROL_RESULT, once every strategy confirmed; fails if the version is at
   * {@link MelticaPipeline#MAX_ROUTING_VERSION}. This node's flips run one at a time, in order.
   */
  public CompletionStage<ControlResult> flipRouting() {
    CompletableFuture<ControlResult> result = new CompletableFuture<>();
    versions.tell(new VersionSync.Flip(result));
    return result;
  }

  /** This node's pipeline (its pool, metrics, ids). */
  public MelticaPipeline pipeline() {
    return pipeline;
  }

  /** This node's at-least-once delivery counters. */
  public CriticalStats criticalStats() {
    return criticalStats;
  }

  /** Stops this node's pipeline; the entities stop with the ActorSystem or when they move. */
  public CompletionStage<Done> stop() {
    return pipeline.stop();
  }
}
