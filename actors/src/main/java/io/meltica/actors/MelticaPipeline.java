package io.meltica.actors;

import io.meltica.pool.EventPool;
import io.meltica.pool.PoolCounters;
import io.meltica.pool.RecycleReason;
import io.meltica.pool.Recycler;
import io.meltica.protocol.ControlResult;
import io.meltica.protocol.Event;
import io.meltica.protocol.EventValidator;
import io.meltica.protocol.FlipRouting;
import io.meltica.protocol.IdRegistry;
import io.meltica.protocol.InvalidEventException;
import io.meltica.protocol.OrchestratorMessage;
import io.meltica.protocol.StrategyMessage;
import io.meltica.protocol.counters.Counters;
import io.meltica.supervision.DeadLetterRecycler;
import io.meltica.supervision.FailureAggregator;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.pekko.Done;
import org.apache.pekko.actor.CoordinatedShutdown;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.actor.typed.javadsl.AskPattern;

/**
 * One running pipeline inside an ActorSystem, and the plain-Java way to use it: publish events,
 * subscribe strategies, flip the routing version, stop.
 *
 * <pre>{@code
 * MelticaPipeline meltica = Meltica.get(system).pipeline();
 * meltica.subscribe("momentum", List.of("BTC-USDT"), (event, ctx) -> strategy.on(event));
 * }</pre>
 *
 * <p>Thread-safe: any thread may publish, subscribe or flip. The pipeline stops with the
 * ActorSystem (a CoordinatedShutdown task in phase service-stop), or earlier with {@link #stop()};
 * either way every envelope in flight is recycled. Start it and subscribe from outside actor
 * message handling (application start-up, a test): those calls wait for the pipeline.
 */
public final class MelticaPipeline {
  /**
   * The highest routing version a pipeline stamps: {@link #adoptRoutingVersion} and {@link
   * #flipRouting(long)} refuse a version above it and {@link #flipRouting()} refuses to go past it,
   * so the version, a {@code long} that each flip raises by one, can never overflow. 2^62: a flip a
   * microsecond would take 146,000 years to get there from 1.
   */
  public static final long MAX_ROUTING_VERSION = 1L << 62;

  private static final String PUBLISHER_TAG = "publisher";
  private static final AtomicLong DEAD_LETTER_RECYCLERS = new AtomicLong();

  private final ActorSystem<?> system;
  private final MelticaSettings settings;
  private final PipelineMetrics metrics;
  private final ActorRef<Pipeline.Command> guardian;
  private final ActorRef<OrchestratorMessage> ingress;
  private final RouterPartitions routers;
  private final PipelineServices services;
  private final EventPool pool;
  private final PipelineGate gate;
  private final Ingresses events;
  private final EventValidator validator;
  private final AtomicLong flipRequests = new AtomicLong();

  /** At least the version the pipeline stamps once its markers are taken: the overflow guard. */
  private final AtomicLong versionCeiling = new AtomicLong(1);

  private final CompletableFuture<Done> stopped = new CompletableFuture<>();

  private MelticaPipeline(
      ActorSystem<?> system,
      MelticaSettings settings,
      EventPool pool,
      PipelineMetrics metrics,
      ActorRef<Pipeline.Command> guardian,
      PipelineGate gate,
      Ingresses events,
      Pipeline.Endpoints endpoints) {
    this.system = system;
    this.pool = pool;
    this.gate = gate;
    this.events = events;
    this.validator = new EventValidator(settings.ids(), pool);
    this.settings = settings;
    this.metrics = metrics;
    this.guardian = guardian;
    this.ingress = endpoints.ingress();
    this.services = endpoints.services();
    this.routers = endpoints.routers();
  }

  /**
   * Starts a pipeline under the system guardian of {@code system} and waits until it is ready.
   *
   * @param name unique among the pipelines of this system (it names the guardian actor)
   * @throws IllegalStateException if the pipeline is not ready within the shutdown timeout
   */
  public static MelticaPipeline start(
      ActorSystem<?> system, MelticaSettings settings, String name) {
    return start(system, settings, name, CoordinatedShutdown.PhaseServiceStop());
  }

  /**
   * Starts a pipeline that CoordinatedShutdown stops in {@code shutdownPhase}: a phase after
   * whatever still sends it envelopes (for sharded strategies, after the shard regions stop), so
   * that their queued envelopes become dead letters while the dead-letter recycler still runs.
   */
  public static MelticaPipeline start(
      ActorSystem<?> system, MelticaSettings settings, String name, String shutdownPhase) {
    EventPool pool = new EventPool(settings.pool());
    FanOutStats fanOut =
        new FanOutStats(
            settings.fanOutSampleEvery(),
            Runtime.getRuntime().availableProcessors(),
            settings.latencySampleEvery());
    Counters counters = new Counters();
    PoolCounters.registerIn(counters, pool);
    PipelineMetrics metrics = new PipelineMetrics(counters, fanOut);
    PipelineGate gate = new PipelineGate();
    Ingresses events =
        new Ingresses(
            settings.routerPartitions(),
            settings.mergeEnabled() ? settings.expectedVenues() : List.of());
    // Outlives the guardian (to the end of the system): dead letters may come after a stop.
    ActorRef<DeadLetterRecycler.Command> deadLetters =
        system.systemActorOf(
            DeadLetterRecycler.create(pool.recycler()),
            name + "-dead-letters-" + DEAD_LETTER_RECYCLERS.incrementAndGet(),
            Props.empty());
    ActorRef<Pipeline.Command> guardian =
        system.systemActorOf(
            Pipeline.create(settings, pool.recycler(), metrics, gate, events, deadLetters),
            name,
            Props.empty());
    Pipeline.Endpoints endpoints =
        await(
            AskPattern.ask(
                guardian,
                Pipeline.GetEndpoints::new,
                settings.shutdownTimeout(),
                system.scheduler()),
            settings.shutdownTimeout(),
            "start pipeline '" + name + "'");
    MelticaPipeline pipeline =
        new MelticaPipeline(system, settings, pool, metrics, guardian, gate, events, endpoints);
    CoordinatedShutdown.get(system).addTask(shutdownPhase, "meltica-stop-" + name, pipeline::stop);
    return pipeline;
  }

  /** Takes an envelope to fill and {@link #publish}; publishing hands it over. */
  public Event acquire() {
    return pool.acquire(PUBLISHER_TAG);
  }

  /**
   * Hands {@code event} to the pipeline; the caller no longer owns it, whatever happens. Once the
   * pipeline is stopping the event is recycled instead, and false is returned. Events wait in an
   * {@link Ingress} (the router's of their instrument, or the orchestrator's for a quote it merges)
   * and its actor takes them in bursts: no message and no allocation per event. Events of one
   * instrument one thread publishes are routed in the order it published them, and before a {@link
   * #flipRouting} it requests after them.
   *
   * @throws InvalidEventException (an {@link IllegalArgumentException}) naming the field and value
   *     if the event fails the {@link EventValidator entrance checks}: it is recycled and counted
   *     in {@link EntranceRefusals}. A standalone envelope, one of another pool or one not acquired
   *     is not recycled: it was never this pipeline's.
   * @throws IllegalStateException if the pipeline cannot take events any more (an actor on the
   *     event path stopped); the event is recycled
   */
  public boolean publish(Event event) {
    try {
      validator.check(event);
    } catch (InvalidEventException refused) {
      metrics.refusals().refused(refused.reason());
      if (refused.reason().isRecyclable()) {
        pool.recycler().recycle(event, event.generation(), RecycleReason.REJECTED_INPUT);
      }
      throw refused;
    }
    long generation = event.generation();
    try {
      if (gate.enter()) {
        events.offer(event);
        return true;
      }
    } finally {
      gate.exit();
    }
    String broken = gate.broken();
    pool.recycler()
        .recycle(
            event,
            generation,
            broken == null ? RecycleReason.SHUTDOWN : RecycleReason.PIPELINE_FAILURE);
    if (broken != null) {
      throw new IllegalStateException("the pipeline cannot take events: " + broken);
    }
    return false;
  }

  /**
   * Subscribes a strategy and waits until it is subscribed: events published after this returns
   * reach it.
   *
   * @param instruments symbols to follow; empty follows every instrument
   * @throws IllegalArgumentException naming an unknown symbol
   */
  public StrategyHandle subscribe(
      String name, Collection<String> instruments, EventHandler handler) {
    return subscribe(new StrategySpec(name, List.copyOf(instruments), () -> handler));
  }

  /**
   * Subscribes {@code strategy} and waits until it is subscribed: events published after this
   * returns reach it.
   *
   * @throws IllegalArgumentException naming an unknown symbol
   */
  public StrategyHandle subscribe(StrategySpec strategy) {
    return await(
        subscribeAsync(strategy),
        settings.shutdownTimeout(),
        "subscribe '" + strategy.name() + "'");
  }

  /**
   * Subscribes {@code strategy}; completes once it is subscribed.
   *
   * @throws IllegalArgumentException naming an unknown symbol
   */
  public CompletionStage<StrategyHandle> subscribeAsync(StrategySpec strategy) {
    IdRegistry ids = settings.ids();
    List<Integer> instrumentIds = strategy.instruments().stream().map(ids::instrumentId).toList();
    return AskPattern.ask(
        guardian,
        replyTo -> new Pipeline.AddStrategy(strategy, instrumentIds, replyTo),
        settings.shutdownTimeout(),
        system.scheduler());
  }

  /**
   * Moves to the next routing version. Completes once every strategy drops market data of older
   * versions; a CONTROL_ACK and a CONTROL_RESULT event reach every strategy on the way. Fails with
   * an {@link IllegalStateException} if the version would pass {@link #MAX_ROUTING_VERSION}.
   */
  public CompletionStage<ControlResult> flipRouting() {
    if (versionCeiling.getAndUpdate(v -> v < MAX_ROUTING_VERSION ? v + 1 : v)
        >= MAX_ROUTING_VERSION) {
      return CompletableFuture.failedFuture(
          new IllegalStateException(
              "the routing version is at its maximum "
                  + MAX_ROUTING_VERSION
                  + ": no flip past it"));
    }
    return flip(Router.Flip.NEXT);
  }

  /**
   * Moves to routing version {@code version}, agreed beforehand: a cluster flips in two phases,
   * every node adopting {@code version} ({@link #adoptRoutingVersion}) before the flipping node
   * raises the strategies' minimum with this. The pipeline stamps {@code version} from the flip on
   * (or the newer version it already stamps) and every strategy's minimum rises to {@code version};
   * it completes like {@link #flipRouting()}, its CONTROL_ACK and CONTROL_RESULT carrying {@code
   * version}.
   *
   * @throws IllegalArgumentException unless 1 &lt;= version &lt;= {@link #MAX_ROUTING_VERSION}
   */
  public CompletionStage<ControlResult> flipRouting(long version) {
    requireVersion(version);
    versionCeiling.accumulateAndGet(version, Math::max);
    return flip(version);
  }

  private CompletionStage<ControlResult> flip(long version) {
    long requestId = flipRequests.incrementAndGet();
    return AskPattern.ask( // the flip goes in after what this thread published, then a wake-up
        ingress,
        replyTo -> {
          FlipRouting request = new FlipRouting(requestId, replyTo);
          events.offerMarkers(
              version == Router.Flip.NEXT ? request : new Orchestrator.FlipTo(request, version),
              new Router.Flip(requestId, ingress.narrow(), version));
          return Orchestrator.Drain.INSTANCE;
        },
        settings.shutdownTimeout(),
        system.scheduler());
  }

  /**
   * The behaviour of a strategy that runs outside this pipeline's guardian (a Cluster Sharding
   * entity, say), wired to this pipeline's pool, failure aggregator and metrics: the same gating,
   * recycling and supervision as a strategy started with {@link #subscribe}. Spawn it with {@link
   * #strategyProps}. Strategy ids chosen here must not collide with those of {@link #subscribe},
   * which count from 1.
   */
  public Behavior<StrategyMessage> strategyBehavior(int strategyId, StrategySpec strategy) {
    return StrategyActor.create(
        strategyId, strategy, services, metrics.addStrategy(strategyId, strategy.name()));
  }

  /** The dispatcher and mailbox (by the strategy's market-data policy) for a strategy. */
  public Props strategyProps(String name) {
    return settings.strategyProps(name);
  }

  /**
   * Subscribes an actor this pipeline did not spawn (a forwarder to a sharded entity) as strategy
   * {@code strategyId}.
   *
   * @param instruments symbols to follow; empty follows every instrument
   */
  public void subscribeRef(
      int strategyId, Collection<String> instruments, ActorRef<StrategyMessage> ref) {
    routers.subscribe(
        strategyId, instruments.stream().map(settings.ids()::instrumentId).toList(), ref);
  }

  /**
   * Stamps {@code version} from now on, if newer: another node flipped, or is about to. Events a
   * thread publishes after this call are stamped with it. Completes once the orchestrator and every
   * router stamp it (never, if the pipeline stopped first).
   *
   * @throws IllegalArgumentException unless 1 &lt;= version &lt;= {@link #MAX_ROUTING_VERSION}
   */
  public CompletionStage<Done> adoptRoutingVersion(long version) {
    requireVersion(version);
    versionCeiling.accumulateAndGet(version, Math::max);
    CompletableFuture<Done> adopted = new CompletableFuture<>();
    AtomicInteger waiting = new AtomicInteger(1 + events.routers().size());
    Runnable taken =
        () -> {
          if (waiting.decrementAndGet() == 0) {
            adopted.complete(Done.getInstance());
          }
        };
    events.offerMarkers(
        new Orchestrator.AdoptVersion(version, taken), new Router.AdoptVersion(version, taken));
    return adopted;
  }

  /**
   * Completes once every event a thread published before this call has left the routers for its
   * strategies (their mailboxes, or a cluster node's forwarders), quotes waiting in a merge window
   * excepted; never, if the pipeline stopped first. A barrier for a node that leaves: sent as the
   * adoption of the first routing version, which changes nothing, and every router sends on what it
   * routed before taking it.
   */
  public CompletionStage<Done> handedOn() {
    return adoptRoutingVersion(1);
  }

  private static void requireVersion(long version) {
    if (version < 1 || version > MAX_ROUTING_VERSION) {
      throw new IllegalArgumentException(
          "a routing version must be in 1.." + MAX_ROUTING_VERSION + ", got " + version);
    }
  }

  /** Failures so far, per trace id and per strategy. */
  public CompletionStage<FailureAggregator.Summary> failureSummary() {
    return AskPattern.ask(
        services.failures(),
        FailureAggregator.GetSummary::new,
        settings.shutdownTimeout(),
        system.scheduler());
  }

  /**
   * Stops every actor of the pipeline and recycles every envelope in flight. Idempotent; the
   * pipeline cannot be started again.
   */
  public synchronized CompletionStage<Done> stop() {
    if (!gate.isClosed()) {
      gate.close(); // every publish let in has told the orchestrator before it is stopped
      AskPattern.<Pipeline.Command, Done>ask(
              guardian, Pipeline.Stop::new, settings.shutdownTimeout(), system.scheduler())
          .whenComplete(
              (done, failure) -> {
                if (failure == null) {
                  stopped.complete(done);
                } else {
                  stopped.completeExceptionally(failure);
                }
              });
    }
    return stopped; // the same stage for every caller
  }

  /** Where events enter: for a stream or a venue adapter that tells events itself. */
  public ActorRef<OrchestratorMessage> ingress() {
    return ingress;
  }

  public IdRegistry ids() {
    return settings.ids();
  }

  public EventPool pool() {
    return pool;
  }

  public Recycler recycler() {
    return pool.recycler();
  }

  public PipelineMetrics metrics() {
    return metrics;
  }

  public MelticaSettings settings() {
    return settings;
  }

  private static <T> T await(CompletionStage<T> stage, Duration timeout, String what) {
    try {
      return stage.toCompletableFuture().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting to " + what, e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("could not " + what + " within " + timeout, e);
    }
  }
}
