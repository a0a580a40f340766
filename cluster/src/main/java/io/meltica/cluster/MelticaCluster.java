package io.meltica.cluster;

import com.typesafe.config.Config;
import io.meltica.actors.MelticaPipeline;
import io.meltica.actors.MelticaSettings;
import io.meltica.cluster.wire.WireStatsExtension;
import io.meltica.protocol.ControlResult;
import io.meltica.protocol.Event;
import io.meltica.protocol.StopStrategy;
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
import org.apache.pekko.cluster.sharding.typed.ClusterShardingSettings;
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
 *   <li>Critical events reach it at least once, in order per sending node, with a bounded window in
 *       flight ({@link CriticalSender}, {@link CriticalInbox}), surviving an entity moving, a node
 *       leaving and a node crashing (once the Split Brain Resolver downed it).
 *   <li>A routing flip is issued on one node and runs in two phases ({@link VersionSync}): every
 *       node stamps the new version first, then the strategies' minimum rises on every node, and
 *       CONTROL_RESULT follows once all have confirmed; no node's market data blacks out.
 * </ul>
 *
 * <p>Start it on every node with the same strategy definitions, after the node joined the cluster
 * (or while it joins: entities start once the node is up).
 */
public final class MelticaCluster {
  /** The sharded strategies' type key. */
  public static final EntityTypeKey<StrategyMessage> STRATEGY =
      EntityTypeKey.create(StrategyMessage.class, "meltica-strategy");

  private static final Duration STOP_MARKET_DATA_TIMEOUT = Duration.ofSeconds(3);

  /** How often the batches received from other nodes and not yet delivered are looked at. */
  private static final Duration WIRE_REAP_EVERY = Duration.ofMillis(100);

  private final MelticaPipeline pipeline;
  private final CriticalStats criticalStats;
  private final ActorRef<VersionSync.Command> versions;
  private final CompletionStage<Done> terminated;

  private MelticaCluster(
      MelticaPipeline pipeline,
      CriticalStats criticalStats,
      ActorRef<VersionSync.Command> versions,
      CompletionStage<Done> terminated) {
    this.pipeline = pipeline;
    this.criticalStats = criticalStats;
    this.versions = versions;
    this.terminated = terminated;
  }

  /** Starts this node's part: its pipeline, the strategy entities it may host, its forwarders. */
  public static MelticaCluster start(
      ActorSystem<?> system, MelticaSettings settings, List<ClusterStrategy> strategies) {
    MelticaPipeline pipeline =
        MelticaPipeline.start(
            system,
            settings,
            "meltica",
            // after the shard regions stopped: what they dropped while handing off goes through
            // its dead-letter recycler (a stopped entity's mailbox recycles what it still queues)
            CoordinatedShutdown.PhaseBeforeActorSystemTerminate());
    WirePool wirePool = WirePool.get(system);
    wirePool.use(pipeline.pool(), pipeline.ids());
    CriticalStats criticalStats = new CriticalStats();
    criticalStats.registerIn(pipeline.metrics().counters());
    WireStatsExtension.get(system).registerIn(pipeline.metrics().counters());
    warnIfNothingDownsCrashedNodes(system);
    CriticalSettings critical = CriticalSettings.fromConfig(system.settings().config());
    VersionStats versionStats =
        new VersionStats(
            VersionSync.Settings.fromConfig(system.settings().config()).maxVersionJump());
    Duration transitTimeout =
        system.settings().config().getDuration("meltica.cluster.market-data.transit-timeout");
    ClusterSharding sharding = ClusterSharding.get(system);
    sharding.init(
        Entity.of(
                STRATEGY,
                context ->
                    strategyEntity(
                        pipeline,
                        criticalStats,
                        critical,
                        versionStats,
                        strategyNamed(strategies, context.getEntityId())))
            // the default market-data policy's mailbox: one entity type, one mailbox
            .withEntityProps(pipeline.strategyProps(STRATEGY.name()))
            // an idle strategy keeps its state and its inbox's record: never passivated
            .withSettings(ClusterShardingSettings.create(system).withNoPassivationStrategy())
            // a hand-off stops the strategy ahead of its backlog, not behind it
            .withStopMessage(StopStrategy.INSTANCE));
    String producerId = Cluster.get(system).selfMember().uniqueAddress().toString();
    ActorRef<CriticalSender.Command> criticalSender =
        system.systemActorOf(
            CriticalSender.create(
                producerId, name -> sharding.entityRefFor(STRATEGY, name), critical, criticalStats),
            "meltica-critical-sender",
            Props.empty());
    List<ActorRef<StrategyMessage>> forwarders = new ArrayList<>();
    for (ClusterStrategy strategy : strategies) {
      ActorRef<StrategyMessage> forwarder =
          system.systemActorOf(
              EntityForwarder.create(
                  strategy.name(),
                  sharding.entityRefFor(STRATEGY, strategy.name()),
                  criticalSender,
                  wirePool::acquireBatch,
                  transitTimeout),
              "meltica-forwarder-" + strategy.strategyId(),
              Props.empty());
      pipeline.subscribeRef(strategy.strategyId(), strategy.strategy().instruments(), forwarder);
      forwarders.add(forwarder);
    }
    handOffWhenLeaving(system, pipeline, forwarders, criticalSender);
    ActorRef<VersionSync.Command> versions =
        system.systemActorOf(
            VersionSync.create(pipeline, versionStats), "meltica-version-sync", Props.empty());
    long transitNanos = transitTimeout.toNanos();
    system
        .scheduler()
        .scheduleWithFixedDelay(
            WIRE_REAP_EVERY,
            WIRE_REAP_EVERY,
            () -> wirePool.revokeOverdue(System.nanoTime(), transitNanos),
            system.executionContext());
    // what Pekko still held when it stopped (received, never delivered) goes back at the end
    CompletionStage<Done> terminated =
        system.getWhenTerminated().thenApply(done -> revokeAllReceived(wirePool));
    return new MelticaCluster(pipeline, criticalStats, versions, terminated);
  }

  private static Done revokeAllReceived(WirePool wirePool) {
    wirePool.revokeAll();
    return Done.getInstance();
  }

  private static void warnIfNothingDownsCrashedNodes(ActorSystem<?> system) {
    if (system.settings().config().getString("pekko.cluster.downing-provider-class").isEmpty()) {
      system
          .log()
          .warn(
              "no downing provider configured: a crashed node stays unreachable for ever, its"
                  + " strategies never move and their critical events wait for it; configure the"
                  + " Split Brain Resolver (docs/cluster.md, Downing)");
    }
  }

  /**
   * Before the shard regions hand their entities off, in this order: everything published here so
   * far leaves the routers ({@link MelticaPipeline#handedOn()}), so that the last critical events
   * reach the sender before it is asked to drain; market data stops flowing into the entities (what
   * a region buffers while it leaves may never be delivered, and it would hold pooled envelopes);
   * and this node's unacknowledged critical events are acknowledged. Each forwarder answers the
   * stop after the batches the routers sent it, so the critical events in them are with the sender
   * before the drain. The whole is bounded by the phase's timeout ({@code
   * pekko.coordinated-shutdown.phases.before-cluster-shutdown.timeout}, else the {@code
   * default-phase-timeout} of 5 s): the sender's memory is the only copy of those events. What is
   * left when the sender stops is logged and counted as lost ({@link CriticalStats#lostCount}).
   */
  private static void handOffWhenLeaving(
      ActorSystem<?> system,
      MelticaPipeline pipeline,
      List<ActorRef<StrategyMessage>> forwarders,
      ActorRef<CriticalSender.Command> criticalSender) {
    Config shutdown = system.settings().config().getConfig("pekko.coordinated-shutdown");
    String phaseTimeout = "phases.before-cluster-shutdown.timeout";
    Duration timeout =
        shutdown.getDuration(
            shutdown.hasPath(phaseTimeout) ? phaseTimeout : "default-phase-timeout");
    CoordinatedShutdown.get(system)
        .addTask(
            CoordinatedShutdown.PhaseBeforeClusterShutdown(),
            "meltica-hand-off",
            () ->
                pipeline
                    .handedOn()
                    .thenCompose(handedOn -> stopMarketData(system, forwarders))
                    .thenCompose(
                        stopped ->
                            AskPattern.<CriticalSender.Command, Done>ask(
                                criticalSender,
                                CriticalSender.Drain::new,
                                timeout,
                                system.scheduler())));
  }

  private static CompletionStage<Done> stopMarketData(
      ActorSystem<?> system, List<ActorRef<StrategyMessage>> forwarders) {
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
  }

  private static Behavior<StrategyMessage> strategyEntity(
      MelticaPipeline pipeline,
      CriticalStats stats,
      CriticalSettings critical,
      VersionStats versions,
      ClusterStrategy strategy) {
    return Behaviors.intercept(
        () -> new CriticalInbox(pipeline.pool(), pipeline.ids(), stats, critical, versions),
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

  /**
   * Completes once the node's ActorSystem has terminated and the envelopes Pekko dropped on the way
   * in without a trace have gone back to the pool: check the pool after this, not after the
   * system's own termination.
   */
  public CompletionStage<Done> terminated() {
    return terminated;
  }

  /** Stops this node's pipeline; the entities stop with the ActorSystem or when they move. */
  public CompletionStage<Done> stop() {
    return pipeline.stop();
  }
}
