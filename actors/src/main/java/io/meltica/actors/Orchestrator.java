package io.meltica.actors;

import io.meltica.pool.EventPool;
import io.meltica.pool.RecycleReason;
import io.meltica.pool.Recycler;
import io.meltica.protocol.Event;
import io.meltica.protocol.EventBatch;
import io.meltica.protocol.FlipRouting;
import io.meltica.protocol.OrchestratorMessage;
import io.meltica.supervision.EnvelopeCustody;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Consumer;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.PostStop;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;

/**
 * Merges partial quotes into consolidated quotes, takes the data bus's events in arrival order,
 * stamps the current routing version and hands events to the router of their instrument ({@link
 * RouterPartitions}), in batches filled while its mailbox has more ({@link OutgoingBatches}); and
 * keeps the books of routing flips.
 *
 * <p><b>Ingress</b>: {@link MelticaPipeline#publish} puts the quotes it merges into the
 * orchestrator's {@link Ingress}, and the orchestrator takes them out on {@link Drain}, in bursts;
 * every other published event goes straight to the ingress of its router, which stamps it (no hop
 * here). Events sent to the orchestrator as messages (tests, other senders) and data-bus batches
 * are stamped and routed here.
 *
 * <p><b>Merging</b>: a QUOTE from an expected venue opens (or joins) its instrument's merge window;
 * the window is published as one CONSOLIDATED_QUOTE when every expected venue has reported, or when
 * the merge timeout fires with the venues it has. Either way the partials go back through {@link
 * Recycler#recycleMany} (reasons MERGE_PARTIAL and MERGE_TIMEOUT). Partials are stamped when they
 * arrive, and a consolidated quote carries the oldest version among its partials, so a quote built
 * partly from data that arrived before a flip counts as stale.
 *
 * <p><b>Flips</b>: a flip is a marker in every ingress of the pipeline, after what the flipping
 * thread published before. Here, {@link FlipRouting} raises the version by one ({@link FlipTo}: to
 * the version it names, agreed beforehand across a cluster); each router raises its own, sends
 * every strategy the new minimum (router 0 also a CONTROL_ACK event) and reports {@link
 * FlipApplied}; once all have, the orchestrator sends a CONTROL_RESULT event and answers the
 * caller. A router may report before the orchestrator has drained its marker; the flip completes
 * when both have happened. Control events carry the version they report.
 *
 * <p><b>Failures</b>: the orchestrator takes custody of each envelope it handles ({@link
 * EnvelopeCustody}); if handling one throws, that envelope is recycled (PIPELINE_FAILURE), the
 * failure logged with its trace id and counted, and the orchestrator goes on. One bad event of a
 * data-bus batch costs only itself, and the batch is acked whatever happened, so ingest never
 * stalls on a failure.
 *
 * <p>Stopping recycles every partial still waiting (reason SHUTDOWN); events still queued become
 * dead letters, which the dead-letter recycler takes back.
 */
public final class Orchestrator extends AbstractBehavior<OrchestratorMessage> {

  /** The orchestrator's own messages (events and flips come from protocol). */
  public sealed interface Command extends OrchestratorMessage
      permits MergeTimeout,
          FlipApplied,
          FlipTo,
          AdoptVersion,
          IngestStarted,
          IngestBatch,
          IngestEnded,
          CheckHeadroom,
          Flush,
          Drain {}

  /** The data bus starts; answer with {@link IngestAck} when ready for the first batch. */
  public record IngestStarted(ActorRef<IngestAck> ackTo) implements Command {}

  /** The data bus ended: normally ({@code failure} null) or with a failure. */
  public record IngestEnded(Throwable failure) implements Command {}

  /** The answer to the data bus that the previous message is handled and there is headroom. */
  public enum IngestAck {
    INSTANCE
  }

  private enum CheckHeadroom implements Command {
    INSTANCE
  }

  /** Send the router the waiting batch: the orchestrator's mailbox has run dry up to here. */
  enum Flush implements Command {
    INSTANCE
  }

  /** Events are waiting in the {@link Ingress}. */
  enum Drain implements Command {
    INSTANCE
  }

  /** The merge window of an instrument timed out. One instance per instrument, reused. */
  public record MergeTimeout(int instrumentId) implements Command {}

  /** A router reports that every strategy accepts only {@code version} or newer. */
  public record FlipApplied(long requestId, long version) implements Command {}

  /**
   * Ingress marker: {@code request}, but to {@code version} rather than to the next version (see
   * {@link MelticaPipeline#flipRouting(long)}); the routers' marker is a {@link Router.Flip} with
   * the same version.
   */
  public record FlipTo(FlipRouting request, long version) implements Command {
    public FlipTo {
      Objects.requireNonNull(request, "request");
    }
  }

  /**
   * Another node flipped to {@code version}, or is about to: stamp it from now on (never lowers the
   * version). Flips are issued on one node; the others adopt its version. An ingress marker, like
   * the routers' {@link Router.AdoptVersion}; {@code taken} runs once this actor took it.
   */
  public record AdoptVersion(long version, Runnable taken) implements Command {
    public AdoptVersion {
      Objects.requireNonNull(taken, "taken");
    }

    public AdoptVersion(long version) {
      this(version, () -> {});
    }
  }

  private static final String OWNER_TAG = "orchestrator";
  private static final Duration HEADROOM_CHECK_INTERVAL = Duration.ofMillis(1);

  /** Most ingress events routed per {@link Drain} before other messages get their turn. */
  private static final int DRAIN_BUDGET = 1024;

  private final EventPool pool;
  private final Recycler recycler;
  private final RouterPartitions routers;
  private final FlipsInProgress flips;
  private final Ingress<OrchestratorMessage> ingress;
  private final OutgoingBatches toRouters;
  private final OutgoingBatches.Lane[] routerLanes;
  private final OrchestratorMetrics metrics;
  private final TimerScheduler<OrchestratorMessage> timers;
  private final EnvelopeCustody custody;
  private final QuoteMerger merger;
  private final boolean mergeEnabled;
  private final Duration mergeTimeout;
  private final Event[] partials;
  private final long[] partialGenerations;
  private final MergeTimeout[] timeouts;
  private final ControlEvents controlResults;
  private final double highWatermark;
  private final Consumer<Event> routeEachOfBatch = this::routeInCustody;
  private final Consumer<OrchestratorMessage> takeFromIngress = this::takeFromIngress;
  private ActorRef<IngestAck> ackWaitingForHeadroom;
  private long routingVersion = 1;

  /**
   * @param ingress where {@link MelticaPipeline#publish} puts quotes to merge and flip markers; its
   *     owner attaches it to the spawned orchestrator
   */
  static Behavior<OrchestratorMessage> create(
      PipelineServices services,
      MelticaSettings settings,
      Ingress<OrchestratorMessage> ingress,
      RouterPartitions routers,
      OrchestratorMetrics metrics) {
    return Behaviors.setup(
        ctx -> {
          EnvelopeCustody custody =
              new EnvelopeCustody(
                  OWNER_TAG, services.recycler(), metrics.failureCounter(), ctx.getLog());
          return custody.supervise(
              OrchestratorMessage.class,
              Behaviors.withTimers(
                  timers ->
                      new Orchestrator(
                          ctx, timers, custody, services, settings, ingress, routers, metrics)));
        });
  }

  private Orchestrator(
      ActorContext<OrchestratorMessage> ctx,
      TimerScheduler<OrchestratorMessage> timers,
      EnvelopeCustody custody,
      PipelineServices services,
      MelticaSettings settings,
      Ingress<OrchestratorMessage> ingress,
      RouterPartitions routers,
      OrchestratorMetrics metrics) {
    super(ctx);
    this.ingress = ingress;
    this.pool = services.pool();
    this.recycler = services.recycler();
    this.routers = routers;
    this.flips = new FlipsInProgress(routers.count());
    this.toRouters = new OutgoingBatches(settings.routerBatchSize());
    this.routerLanes = new OutgoingBatches.Lane[routers.count()];
    for (int partition = 0; partition < routerLanes.length; partition++) {
      int to = partition;
      routerLanes[partition] =
          new OutgoingBatches.Lane((EventBatch batch) -> routers.deliver(to, batch));
    }
    this.metrics = metrics;
    this.timers = timers;
    this.custody = custody;
    int instrumentCount = services.ids().instrumentCount();
    this.merger = new QuoteMerger(settings.expectedVenues(), instrumentCount);
    this.mergeEnabled = settings.mergeEnabled();
    this.mergeTimeout = settings.mergeTimeout();
    this.partials = new Event[merger.capacity()];
    this.partialGenerations = new long[merger.capacity()];
    this.timeouts = new MergeTimeout[instrumentCount + 1];
    this.highWatermark = settings.ingest().highWatermark();
    this.controlResults = new ControlEvents(pool, OWNER_TAG, System.identityHashCode(this));
  }

  @Override
  public Receive<OrchestratorMessage> createReceive() {
    return newReceiveBuilder()
        .onMessage(Event.class, this::onEvent)
        .onMessage(MergeTimeout.class, this::onMergeTimeout)
        .onMessage(FlipApplied.class, this::onFlipApplied)
        .onMessage(AdoptVersion.class, this::onAdoptVersion)
        .onMessage(IngestStarted.class, started -> ackWhenThereIsHeadroom(started.ackTo()))
        .onMessage(IngestBatch.class, this::onIngestBatch)
        .onMessage(IngestEnded.class, this::onIngestEnded)
        .onMessageEquals(CheckHeadroom.INSTANCE, this::onCheckHeadroom)
        .onMessageEquals(Flush.INSTANCE, this::onFlush)
        .onMessageEquals(Drain.INSTANCE, this::onDrain)
        .onSignal(PostStop.class, stop -> onPostStop())
        .build();
  }

  private Behavior<OrchestratorMessage> onEvent(Event event) {
    route(event, custody.take(event));
    return Behaviors.same();
  }

  /** One event of a batch: a failure recycles it and the batch goes on with the next. */
  private void routeInCustody(Event event) {
    try {
      route(event, custody.take(event));
    } catch (RuntimeException | Error failure) {
      custody.recover(failure);
    }
  }

  /** Stamps the event and forwards it, or hands it to the merger; it arrived under generation. */
  private void route(Event event, long generation) {
    event.setRoutingVersion(routingVersion);
    if (!mergeEnabled || !merger.accepts(event)) {
      forward(event);
      return;
    }
    int instrumentId = event.instrumentId();
    custody.handOff();
    Event replaced = merger.put(event, generation);
    if (replaced != null) {
      metrics.onPartialReplaced();
      recycler.recycle(replaced, merger.replacedGeneration(), RecycleReason.MERGE_PARTIAL);
    } else if (merger.count(instrumentId) == 1) {
      MergeTimeout timeout = timeoutOf(instrumentId);
      timers.startSingleTimer(timeout, timeout, mergeTimeout);
    }
    if (merger.isComplete(instrumentId)) {
      timers.cancel(timeoutOf(instrumentId));
      publishMerged(instrumentId, RecycleReason.MERGE_PARTIAL);
    }
  }

  private Behavior<OrchestratorMessage> onAdoptVersion(AdoptVersion adopt) {
    routingVersion = Math.max(routingVersion, adopt.version());
    adopt.taken().run();
    return Behaviors.same();
  }

  private Behavior<OrchestratorMessage> onIngestBatch(IngestBatch batch) {
    try {
      batch.drainEnvelopes(routeEachOfBatch);
    } finally {
      ackWhenThereIsHeadroom(batch.ackTo()); // whatever happened: a missing ack stalls ingest
    }
    return Behaviors.same();
  }

  /**
   * Backpressure: the data bus sends its next batch only after the ack, and the ack waits while the
   * pool is fuller than the high watermark (envelopes still queued at strategies).
   */
  private Behavior<OrchestratorMessage> ackWhenThereIsHeadroom(ActorRef<IngestAck> ackTo) {
    if (pool.utilization() < highWatermark) {
      ackTo.tell(IngestAck.INSTANCE);
    } else {
      ackWaitingForHeadroom = ackTo;
      timers.startTimerWithFixedDelay(
          CheckHeadroom.INSTANCE, CheckHeadroom.INSTANCE, HEADROOM_CHECK_INTERVAL);
    }
    return Behaviors.same();
  }

  private Behavior<OrchestratorMessage> onCheckHeadroom() {
    if (ackWaitingForHeadroom != null && pool.utilization() < highWatermark) {
      timers.cancel(CheckHeadroom.INSTANCE);
      ackWaitingForHeadroom.tell(IngestAck.INSTANCE);
      ackWaitingForHeadroom = null;
    }
    return Behaviors.same();
  }

  private Behavior<OrchestratorMessage> onIngestEnded(IngestEnded ended) {
    if (ended.failure() != null) {
      getContext().getLog().error("the data bus failed; ingest stopped", ended.failure());
    }
    return Behaviors.same();
  }

  private Behavior<OrchestratorMessage> onMergeTimeout(MergeTimeout timeout) {
    if (merger.count(timeout.instrumentId()) > 0) {
      publishMerged(timeout.instrumentId(), RecycleReason.MERGE_TIMEOUT);
    }
    return Behaviors.same();
  }

  private void publishMerged(int instrumentId, RecycleReason partialsReason) {
    Event merged = pool.acquire(OWNER_TAG);
    int count = merger.merge(instrumentId, merged, partials, partialGenerations);
    metrics.onMerged(partialsReason == RecycleReason.MERGE_TIMEOUT);
    forward(merged); // carries its oldest partial's version: see QuoteMerger
    recycler.recycleMany(partials, partialGenerations, count, partialsReason);
  }

  /**
   * Routes what publishers put into the {@link Ingress}, up to {@link #DRAIN_BUDGET} events, then
   * lets other messages in before the rest.
   */
  private Behavior<OrchestratorMessage> onDrain() {
    ingress.drain(DRAIN_BUDGET, takeFromIngress);
    return Behaviors.same();
  }

  private void takeFromIngress(OrchestratorMessage next) {
    if (next instanceof Event event) {
      routeInCustody(event);
    } else if (next instanceof FlipRouting flip) {
      onFlipRouting(flip, Router.Flip.NEXT);
    } else if (next instanceof FlipTo flip) {
      onFlipRouting(flip.request(), flip.version());
    } else {
      onAdoptVersion((AdoptVersion) next);
    }
  }

  private void onFlipRouting(FlipRouting flip, long version) {
    routingVersion =
        version == Router.Flip.NEXT ? routingVersion + 1 : Math.max(routingVersion, version);
    metrics.onFlip();
    toRouters.flush(); // what was stamped before the flip reaches the routers before their marker
    complete(flips.markerDrained(flip.requestId(), flip.replyTo()));
  }

  /** A router applied a flip; it may come before this actor drained the flip's marker. */
  private Behavior<OrchestratorMessage> onFlipApplied(FlipApplied applied) {
    complete(flips.routerApplied(applied.requestId(), applied.version()));
    return Behaviors.same();
  }

  /** A completed flip's CONTROL_RESULT goes to every strategy, then to the caller. */
  private void complete(FlipsInProgress.Completed flip) {
    if (flip != null) {
      forward(flip.result().writeTo(controlResults.next()));
      flip.replyTo().tell(flip.result());
    }
  }

  /**
   * The last thing done with an envelope: into its router's batch (which this orchestrator holds
   * until it is sent), and nothing that can throw follows.
   */
  private void forward(Event event) {
    metrics.onForwarded();
    OutgoingBatches.Lane lane = routerLanes[routers.partitionOf(event.instrumentId())];
    custody.handOff();
    if (toRouters.append(lane, event, event.generation())) {
      getContext().getSelf().tell(Flush.INSTANCE);
    }
  }

  private Behavior<OrchestratorMessage> onFlush() {
    toRouters.flush();
    return Behaviors.same();
  }

  /** The instrument's timer key, made once; the merger accepts only ids of the registry. */
  private MergeTimeout timeoutOf(int instrumentId) {
    if (timeouts[instrumentId] == null) {
      timeouts[instrumentId] = new MergeTimeout(instrumentId);
    }
    return timeouts[instrumentId];
  }

  private Behavior<OrchestratorMessage> onPostStop() {
    toRouters.flush(); // the routers stop after this actor: what was accepted still goes out
    merger.drainAll(this::recycleOnStop);
    ingress.recycleAll(RecycleReason.DEAD_LETTER); // its mailbox, in effect: dead letters
    return Behaviors.same();
  }

  private void recycleOnStop(Event partial, long generation) {
    try {
      recycler.recycle(partial, generation, RecycleReason.SHUTDOWN);
    } catch (RuntimeException refused) { // a bug elsewhere; the other partials still go back
      getContext().getLog().error("a waiting partial was released elsewhere", refused);
    }
  }
}
