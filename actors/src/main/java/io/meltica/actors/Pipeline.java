package io.meltica.actors;

import io.meltica.pool.RecycleReason;
import io.meltica.pool.Recycler;
import io.meltica.protocol.OrchestratorMessage;
import io.meltica.protocol.RouterMessage;
import io.meltica.protocol.StrategyMessage;
import io.meltica.supervision.DeadLetterRecycler;
import io.meltica.supervision.FailureAggregator;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.Terminated;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;

/**
 * The guardian of one pipeline: spawns and owns the failure aggregator, the routers ({@link
 * RouterPartitions}), the orchestrator and every strategy, and stops them in order. Its parent is
 * whoever embeds the pipeline (see {@link MelticaPipeline}).
 *
 * <p><b>Start</b>: {@link GetEndpoints} is answered once the dead-letter recycler is subscribed, so
 * nothing published afterwards can escape recycling.
 *
 * <p><b>Stop</b>: the orchestrator, then (once it has terminated) the routers, then the strategies
 * are stopped; whatever sits in their mailboxes becomes dead letters, and the orchestrator recycles
 * its open merge windows. Once all have terminated (every dead letter is then queued at the
 * recycler), the dead-letter recycler is drained and the failure aggregator flushed; then every
 * {@link Stop} is answered and the guardian stops. The dead-letter recycler is not its child: it
 * stays until the ActorSystem terminates, so an envelope that becomes a dead letter later (a send
 * racing the stop, a message to a stopped strategy from a stream or another node) is still
 * recycled.
 *
 * <p><b>Failure</b>: the routers and the orchestrator recover from every failure themselves (see
 * {@code EnvelopeCustody}); if one stops all the same (a fatal error), the pipeline is marked
 * broken so that {@code publish} fails instead of feeding dead letters.
 */
final class Pipeline extends AbstractBehavior<Pipeline.Command> {

  /** Messages of the pipeline guardian. */
  sealed interface Command
      permits AddStrategy, GetEndpoints, Stop, DeadLettersReady, DeadLettersDrained, Flushed {}

  /**
   * Spawns a strategy and subscribes it.
   *
   * @param instrumentIds instruments to follow; empty follows every instrument
   */
  record AddStrategy(
      StrategySpec strategy, List<Integer> instrumentIds, ActorRef<StrategyHandle> replyTo)
      implements Command {}

  /** Asks for the pipeline's entry points, answered once the pipeline is ready. */
  record GetEndpoints(ActorRef<Endpoints> replyTo) implements Command {}

  /**
   * The pipeline's entry points, and the services its strategies run with: built once, here,
   * because they hold the failure aggregator this guardian owns.
   */
  record Endpoints(
      ActorRef<OrchestratorMessage> ingress, RouterPartitions routers, PipelineServices services) {}

  /** Stops the pipeline; answered when every actor has stopped and everything is recycled. */
  record Stop(ActorRef<Done> replyTo) implements Command {}

  private enum DeadLettersReady implements Command {
    INSTANCE
  }

  private enum DeadLettersDrained implements Command {
    INSTANCE
  }

  private enum Flushed implements Command {
    INSTANCE
  }

  private final MelticaSettings settings;
  private final PipelineGate gate;
  private final Map<ActorRef<?>, Ingress<?>> ingressOf = new HashMap<>();
  private final PipelineServices services;
  private final PipelineMetrics metrics;
  private final ActorRef<DeadLetterRecycler.Command> deadLetters;
  private final RouterPartitions routers;
  private final ActorRef<OrchestratorMessage> orchestrator;
  private final Set<ActorRef<?>> running = new HashSet<>();
  private final List<ActorRef<Endpoints>> waitingForReady = new ArrayList<>();
  private final List<ActorRef<Done>> waitingForStop = new ArrayList<>();
  private boolean ready;
  private boolean stopping;
  private boolean draining;
  private int nextStrategyId = 1;

  /**
   * @param deadLetters the pipeline's dead-letter recycler, which outlives the guardian
   */
  static Behavior<Command> create(
      MelticaSettings settings,
      Recycler recycler,
      PipelineMetrics metrics,
      PipelineGate gate,
      Ingresses ingresses,
      ActorRef<DeadLetterRecycler.Command> deadLetters) {
    return Behaviors.setup(
        ctx -> new Pipeline(ctx, settings, recycler, metrics, gate, ingresses, deadLetters));
  }

  private Pipeline(
      ActorContext<Command> ctx,
      MelticaSettings settings,
      Recycler recycler,
      PipelineMetrics metrics,
      PipelineGate gate,
      Ingresses ingresses,
      ActorRef<DeadLetterRecycler.Command> deadLetters) {
    super(ctx);
    this.settings = settings;
    this.gate = gate;
    this.metrics = metrics;
    ActorRef<FailureAggregator.Command> failures =
        ctx.spawn(
            FailureAggregator.create(metrics.failures(), settings.maxFailureTraces()), "failures");
    this.services =
        new PipelineServices(
            recycler, settings.ids(), metrics.fanOut(), failures, settings.supervision());
    this.deadLetters = deadLetters;
    ctx.ask( // answered once the recycler listens
        Done.class,
        deadLetters,
        settings.shutdownTimeout(),
        DeadLetterRecycler.Drain::new,
        (done, failure) -> DeadLettersReady.INSTANCE);
    List<ActorRef<RouterMessage>> spawned = new ArrayList<>();
    for (int partition = 0; partition < settings.routerPartitions(); partition++) {
      Ingress<RouterMessage> ingress = ingresses.router(partition);
      ActorRef<RouterMessage> router =
          watched(
              ctx.spawn(
                  Router.create(
                      services,
                      metrics.router(),
                      new Router.Options(
                          settings.routerBatchSize(), settings.fanOutMode(), partition),
                      ingress),
                  "router-" + partition));
      ingress.attach(router, Router.Drain.INSTANCE); // before any publish: see below
      ingressOf.put(router, ingress);
      spawned.add(router);
    }
    this.routers = RouterPartitions.fedThrough(spawned, ingresses.routers());
    this.orchestrator =
        watched(
            ctx.spawn(
                Orchestrator.create(
                    services, settings, ingresses.orchestrator(), routers, metrics.orchestrator()),
                "orchestrator"));
    // before the endpoints are answered, so before any publish
    ingresses.orchestrator().attach(orchestrator, Orchestrator.Drain.INSTANCE);
    ingressOf.put(orchestrator, ingresses.orchestrator());
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(AddStrategy.class, this::onAddStrategy)
        .onMessage(GetEndpoints.class, this::onGetEndpoints)
        .onMessageEquals(DeadLettersReady.INSTANCE, this::onDeadLettersReady)
        .onMessage(Stop.class, this::onStop)
        .onMessageEquals(DeadLettersDrained.INSTANCE, this::onDeadLettersDrained)
        .onMessageEquals(Flushed.INSTANCE, this::onFlushed)
        .onSignal(Terminated.class, this::onTerminated)
        .build();
  }

  private Behavior<Command> onAddStrategy(AddStrategy add) {
    if (stopping) {
      return this; // the caller's ask times out: no strategy joins a stopping pipeline
    }
    int strategyId = nextStrategyId++;
    String name = add.strategy().name();
    StrategyMetrics consumerMetrics = metrics.addStrategy(strategyId, name);
    ActorRef<StrategyMessage> consumer =
        watched(
            getContext()
                .spawn(
                    StrategyActor.create(strategyId, add.strategy(), services, consumerMetrics),
                    "strategy-" + strategyId,
                    settings.strategyProps(name)));
    routers.subscribe(strategyId, add.instrumentIds(), consumer);
    add.replyTo().tell(new StrategyHandle(strategyId, name, consumer, consumerMetrics));
    return this;
  }

  private Behavior<Command> onGetEndpoints(GetEndpoints get) {
    if (ready) {
      get.replyTo().tell(endpoints());
    } else {
      waitingForReady.add(get.replyTo());
    }
    return this;
  }

  private Behavior<Command> onDeadLettersReady() {
    ready = true;
    waitingForReady.forEach(waiting -> waiting.tell(endpoints()));
    waitingForReady.clear();
    return this;
  }

  private Behavior<Command> onStop(Stop stop) {
    waitingForStop.add(stop.replyTo());
    if (!stopping) {
      stopping = true;
      stopNextStage();
    }
    return this;
  }

  /**
   * Stops the pipeline from its entrance on, one stage after the other has terminated: the
   * orchestrator, then the routers, then the strategies. A tell racing its receiver's termination
   * can land in the mailbox Pekko has just emptied into dead letters and be lost without a dead
   * letter (the race its {@code Dispatcher.unregister} notes); stopping a stage only once nothing
   * sends to it any more leaves no such race inside the pipeline. (Strategy mailboxes close
   * themselves as well: see {@code MarketDataQueue}.)
   */
  private void stopNextStage() {
    if (running.contains(orchestrator)) {
      getContext().stop(orchestrator);
    } else if (running.stream().anyMatch(routers::contains)) {
      running.stream().filter(routers::contains).forEach(getContext()::stop);
    } else {
      running.forEach(getContext()::stop);
      drainWhenAllStopped();
    }
  }

  private Behavior<Command> onTerminated(Terminated terminated) {
    ActorRef<?> stoppedActor = terminated.getRef();
    running.remove(stoppedActor);
    if (stopping) {
      if (stoppedActor.equals(orchestrator)) {
        stopNextStage();
      } else if (routers.contains(stoppedActor)) {
        if (running.stream().noneMatch(routers::contains)) {
          stopNextStage();
        }
      } else {
        drainWhenAllStopped();
      }
    } else if (routers.contains(stoppedActor) || stoppedActor.equals(orchestrator)) {
      String why = stoppedActor.path().name() + " stopped unexpectedly";
      gate.markBroken(why);
      getContext().getLog().error("pipeline broken: {}; publish now fails", why);
      gate.close(); // no publisher is still putting events in: take back what they left
      ingressOf.get(stoppedActor).recycleAll(RecycleReason.PIPELINE_FAILURE);
    }
    return this;
  }

  private void drainWhenAllStopped() {
    if (running.isEmpty() && !draining) {
      draining = true;
      getContext()
          .ask(
              Done.class,
              deadLetters,
              settings.shutdownTimeout(),
              DeadLetterRecycler.Drain::new,
              (done, failure) -> DeadLettersDrained.INSTANCE);
    }
  }

  private Behavior<Command> onDeadLettersDrained() {
    getContext()
        .ask(
            Done.class,
            services.failures(),
            settings.shutdownTimeout(),
            FailureAggregator.Flush::new,
            (done, failure) -> Flushed.INSTANCE);
    return this;
  }

  private Behavior<Command> onFlushed() {
    waitingForStop.forEach(waiting -> waiting.tell(Done.getInstance()));
    return Behaviors.stopped();
  }

  private Endpoints endpoints() {
    return new Endpoints(orchestrator, routers, services);
  }

  private <T> ActorRef<T> watched(ActorRef<T> child) {
    getContext().watch(child);
    running.add(child);
    return child;
  }
}
