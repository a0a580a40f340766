package io.meltica.cluster;

import com.typesafe.config.Config;
import io.meltica.actors.MelticaPipeline;
import io.meltica.protocol.ControlResult;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.Objects;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.Done;
import org.apache.pekko.actor.NoSerializationVerificationNeeded;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;
import org.apache.pekko.actor.typed.receptionist.Receptionist;
import org.apache.pekko.actor.typed.receptionist.ServiceKey;

/**
 * Carries routing versions between nodes and runs a node's routing flips in two phases, so that no
 * node's market data is stale to the strategies while their minimum rises.
 *
 * <ol>
 *   <li><b>Prepare.</b> The flipping node picks {@code v} = the newest version it knows + 1, stamps
 *       it itself, and asks every other node's VersionSync (found through the {@link Receptionist}
 *       under {@link #KEY}) to stamp it too ({@link Prepare}). Each answers ({@link Prepared}) once
 *       its orchestrator and routers stamp {@code v}. Market data stamped {@code v} passes the
 *       strategies' minimum, still {@code v - 1}, so nothing is lost meanwhile. A node that has not
 *       answered within {@code meltica.cluster.flip.prepare-timeout} does not hold the flip up: it
 *       is counted ({@code meltica.cluster.version.prepare_timeouts}), logged once, and catches up
 *       from the announcement that follows the flip.
 *   <li><b>Commit.</b> The flipping node's pipeline raises every strategy's minimum, on every node,
 *       to {@code v} ({@link MelticaPipeline#flipRouting(long)}); CONTROL_RESULT follows once all
 *       have confirmed, and completes the caller's stage.
 * </ol>
 *
 * <p>A node's flips run one at a time, in the order asked. Every node also announces the newest
 * version it knows to every other one ({@link VersionAdopted}) after each flip and every {@link
 * #ANNOUNCE_EVERY}, for nodes that joined late or missed a prepare.
 *
 * <p><b>Peers are checked.</b> A version from a peer (announced, prepared, or in an answer) is
 * adopted only if it moves forward and stays in range: above the newest this node knows, at most
 * {@code meltica.cluster.flip.max-version-jump} above it, and never above {@link
 * MelticaPipeline#MAX_ROUTING_VERSION} (until the node has a version from a peer or a flip of its
 * own, anything up to that ceiling, so that a node joining an old cluster catches up). Anything
 * else is refused, counted ({@code meltica.cluster.version.refused}, by reason) and logged once per
 * peer and reason; a peer announcing an old version is told the newest. The ceiling leaves no way
 * to overflow: each flip adds one to a version that starts at most there.
 */
final class VersionSync extends AbstractBehavior<VersionSync.Command> {
  static final Duration ANNOUNCE_EVERY = Duration.ofSeconds(1);

  /** Every node's VersionSync, registered with the receptionist. */
  static final ServiceKey<Command> KEY = ServiceKey.create(Command.class, "meltica-version-sync");

  sealed interface Command
      permits Flip, VersionAdopted, Prepare, Prepared, Peers, PrepareTimeout, Flipped, Announce {}

  /** Flip the routing version from this node; completes {@code result}. Local only. */
  record Flip(CompletableFuture<ControlResult> result)
      implements Command, NoSerializationVerificationNeeded {}

  /** {@code from} knows {@code version}. Crosses nodes. */
  record VersionAdopted(long version, ActorRef<Command> from) implements Command, ClusterMessage {
    VersionAdopted {
      Objects.requireNonNull(from, "from");
    }
  }

  /** Phase 1: stamp {@code version} from now on and answer once you do. Crosses nodes. */
  record Prepare(long version, ActorRef<Command> replyTo) implements Command, ClusterMessage {
    Prepare {
      Objects.requireNonNull(replyTo, "replyTo");
    }
  }

  /** {@code from} stamps {@code version}, the newest it knows. Crosses nodes. */
  record Prepared(long version, ActorRef<Command> from) implements Command, ClusterMessage {
    Prepared {
      Objects.requireNonNull(from, "from");
    }
  }

  /** The other nodes' VersionSyncs, as the receptionist lists them. */
  private record Peers(Set<ActorRef<Command>> refs)
      implements Command, NoSerializationVerificationNeeded {}

  private record PrepareTimeout(long version)
      implements Command, NoSerializationVerificationNeeded {}

  private record Flipped(long version, ControlResult result, Throwable failure)
      implements Command, NoSerializationVerificationNeeded {}

  private enum Announce implements Command {
    INSTANCE
  }

  /**
   * {@code meltica.cluster.flip}.
   *
   * @param prepareTimeout how long a flip waits for the other nodes to stamp its version
   * @param maxVersionJump most a version from a peer may be above the newest this node knows
   */
  record Settings(Duration prepareTimeout, long maxVersionJump) {
    Settings {
      if (prepareTimeout.isNegative() || prepareTimeout.isZero()) {
        throw new IllegalArgumentException(
            "meltica.cluster.flip.prepare-timeout must be > 0, got " + prepareTimeout);
      }
      if (maxVersionJump < 1 || maxVersionJump > MelticaPipeline.MAX_ROUTING_VERSION) {
        throw new IllegalArgumentException(
            "meltica.cluster.flip.max-version-jump must be in 1.."
                + MelticaPipeline.MAX_ROUTING_VERSION
                + ", got "
                + maxVersionJump);
      }
    }

    static Settings fromConfig(Config config) {
      Config flip = config.getConfig("meltica.cluster.flip");
      return new Settings(flip.getDuration("prepare-timeout"), flip.getLong("max-version-jump"));
    }
  }

  /** What a version from a peer is to this node. */
  private enum Verdict {
    FORWARD,
    SAME,
    BACKWARDS,
    OUT_OF_RANGE
  }

  private final MelticaPipeline pipeline;
  private final Settings settings;
  private final VersionStats stats;
  private final TimerScheduler<Command> timers;
  private final Set<ActorRef<Command>> peers = new HashSet<>();
  private final Set<String> loggedPeers = new HashSet<>();
  private final Queue<Flip> queued = new ArrayDeque<>();
  private long newest = 1;

  /** Whether this node has a version from a peer or a flip of its own (see the class comment). */
  private boolean synced;

  /** The flip in progress, null if none. */
  private InFlight inFlight;

  /**
   * Registers {@code stats} in the pipeline's registry and keeps its newest version current; reads
   * its settings from the system's.
   */
  static Behavior<Command> create(MelticaPipeline pipeline, VersionStats stats) {
    stats.registerIn(pipeline.metrics().counters());
    return Behaviors.setup(
        ctx ->
            Behaviors.withTimers(
                timers -> {
                  Settings settings = Settings.fromConfig(ctx.getSystem().settings().config());
                  timers.startTimerWithFixedDelay(Announce.INSTANCE, ANNOUNCE_EVERY);
                  ActorRef<Receptionist.Listing> listings =
                      ctx.messageAdapter(
                          Receptionist.Listing.class,
                          listing -> new Peers(listing.getServiceInstances(KEY)));
                  ctx.getSystem().receptionist().tell(Receptionist.register(KEY, ctx.getSelf()));
                  ctx.getSystem().receptionist().tell(Receptionist.subscribe(KEY, listings));
                  return new VersionSync(ctx, timers, pipeline, settings, stats);
                }));
  }

  private VersionSync(
      ActorContext<Command> ctx,
      TimerScheduler<Command> timers,
      MelticaPipeline pipeline,
      Settings settings,
      VersionStats stats) {
    super(ctx);
    this.timers = timers;
    this.pipeline = pipeline;
    this.settings = settings;
    this.stats = stats;
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(Flip.class, this::onFlip)
        .onMessage(Prepare.class, this::onPrepare)
        .onMessage(Prepared.class, this::onPrepared)
        .onMessage(PrepareTimeout.class, this::onPrepareTimeout)
        .onMessage(Flipped.class, this::onFlipped)
        .onMessage(VersionAdopted.class, this::onVersionAdopted)
        .onMessage(Peers.class, this::onPeers)
        .onMessageEquals(Announce.INSTANCE, this::announce)
        .build();
  }

  // ---- the flipping node

  private Behavior<Command> onFlip(Flip flip) {
    if (inFlight == null) {
      prepare(flip);
    } else {
      queued.add(flip);
    }
    return this;
  }

  /** Phase 1: this node stamps the new version at once, the others are asked to. */
  private void prepare(Flip flip) {
    if (newest >= MelticaPipeline.MAX_ROUTING_VERSION) {
      flip.result()
          .completeExceptionally(
              new IllegalStateException(
                  "the routing version is at its maximum "
                      + MelticaPipeline.MAX_ROUTING_VERSION
                      + ": no flip past it"));
      prepareNext();
      return;
    }
    long version = newest + 1;
    newest = version;
    stats.newest(version);
    synced = true;
    pipeline.adoptRoutingVersion(version);
    inFlight = new InFlight(version, flip.result(), new HashSet<>(peers));
    Prepare prepare = new Prepare(version, getContext().getSelf());
    peers.forEach(peer -> peer.tell(prepare));
    if (inFlight.waiting.isEmpty()) {
      commit();
    } else {
      timers.startSingleTimer(
          PrepareTimeout.class, new PrepareTimeout(version), settings.prepareTimeout());
    }
  }

  private Behavior<Command> onPrepared(Prepared prepared) {
    if (prepared.version() > newest) { // it knows a newer version than ours: checked like any
      onVersionAdopted(new VersionAdopted(prepared.version(), prepared.from()));
    }
    if (inFlight != null
        && !inFlight.committed
        && prepared.version() >= inFlight.version
        && inFlight.waiting.remove(prepared.from())
        && inFlight.waiting.isEmpty()) {
      commit();
    }
    return this;
  }

  private Behavior<Command> onPrepareTimeout(PrepareTimeout timeout) {
    if (inFlight != null && !inFlight.committed && inFlight.version == timeout.version()) {
      for (ActorRef<Command> peer : inFlight.waiting) {
        stats.prepareTimedOut();
        logOnce(
            peer,
            "prepare-timeout",
            "node {} did not confirm routing version {} within {}: flipping without it; its"
                + " market data is stale to the strategies until it adopts the version (counted"
                + " in meltica.cluster.version.prepare_timeouts; logged once per node)",
            peer.path().address(),
            inFlight.version,
            settings.prepareTimeout());
      }
      commit();
    }
    return this;
  }

  /** Phase 2: every strategy's minimum rises; CONTROL_RESULT completes the caller's stage. */
  private void commit() {
    timers.cancel(PrepareTimeout.class);
    inFlight.committed = true;
    long version = inFlight.version;
    getContext()
        .pipeToSelf(
            pipeline.flipRouting(version),
            (result, failure) -> new Flipped(version, result, failure));
  }

  private Behavior<Command> onFlipped(Flipped flipped) {
    if (flipped.failure() == null) {
      inFlight.result.complete(flipped.result());
    } else {
      inFlight.result.completeExceptionally(flipped.failure());
    }
    inFlight = null;
    announce();
    prepareNext();
    return this;
  }

  private void prepareNext() {
    Flip next = queued.poll();
    if (next != null) {
      prepare(next);
    }
  }

  // ---- every node

  private Behavior<Command> onPrepare(Prepare prepare) {
    ActorRef<Command> self = getContext().getSelf();
    switch (judge(prepare.version(), prepare.replyTo())) {
      case FORWARD -> {
        adopt(prepare.version())
            .thenRun(() -> prepare.replyTo().tell(new Prepared(prepare.version(), self)));
      }
      case SAME -> { // a flip of this node or another to the same version: confirm once stamped
        long version = newest;
        pipeline
            .adoptRoutingVersion(version)
            .thenRun(() -> prepare.replyTo().tell(new Prepared(version, self)));
      }
      default -> prepare.replyTo().tell(new Prepared(newest, self)); // refused, counted
    }
    return this;
  }

  private Behavior<Command> onVersionAdopted(VersionAdopted adopted) {
    if (adopted.from().equals(getContext().getSelf())) {
      return this;
    }
    Verdict verdict = judge(adopted.version(), adopted.from());
    if (verdict == Verdict.FORWARD) {
      adopt(adopted.version());
    } else if (verdict == Verdict.BACKWARDS) {
      adopted.from().tell(new VersionAdopted(newest, getContext().getSelf())); // catch up
    }
    return this;
  }

  private CompletionStage<Done> adopt(long version) {
    newest = version;
    stats.newest(version);
    synced = true;
    return pipeline.adoptRoutingVersion(version);
  }

  /** Checks a version from {@code peer}; counts and logs what it refuses. */
  private Verdict judge(long version, ActorRef<Command> peer) {
    if (version == newest) {
      return Verdict.SAME;
    }
    if (version < newest && version >= 1) {
      stats.refusedBackwards();
      logOnce(
          peer,
          "backwards",
          "refused routing version {} from {}: older than the newest this node knows, {}"
              + " (counted in meltica.cluster.version.refused; logged once per node and reason)",
          version,
          peer.path().address(),
          newest);
      return Verdict.BACKWARDS;
    }
    long ceiling = MelticaPipeline.MAX_ROUTING_VERSION;
    long highest =
        synced && newest < ceiling - settings.maxVersionJump()
            ? newest + settings.maxVersionJump()
            : ceiling;
    if (version < 1 || version > highest) {
      stats.refusedOutOfRange();
      logOnce(
          peer,
          "out-of-range",
          "refused routing version {} from {}: outside 1..{} (the newest this node knows is {})"
              + " (counted in meltica.cluster.version.refused; logged once per node and reason)",
          version,
          peer.path().address(),
          highest,
          newest);
      return Verdict.OUT_OF_RANGE;
    }
    return Verdict.FORWARD;
  }

  private void logOnce(ActorRef<Command> peer, String reason, String format, Object... args) {
    if (loggedPeers.add(peer.path().address() + " " + reason)) {
      getContext().getLog().warn(format, args);
    }
  }

  private Behavior<Command> onPeers(Peers listed) {
    peers.clear();
    for (ActorRef<Command> ref : listed.refs()) {
      if (!ref.equals(getContext().getSelf())) {
        peers.add(ref);
      }
    }
    if (inFlight != null && !inFlight.committed) { // a node that left is not waited for
      inFlight.waiting.retainAll(peers);
      if (inFlight.waiting.isEmpty()) {
        commit();
      }
    }
    return this;
  }

  private Behavior<Command> announce() {
    if (newest > 1) {
      VersionAdopted adopted = new VersionAdopted(newest, getContext().getSelf());
      peers.forEach(peer -> peer.tell(adopted));
    }
    return this;
  }

  /** A flip between its prepare and its CONTROL_RESULT. */
  private static final class InFlight {
    final long version;
    final CompletableFuture<ControlResult> result;
    final Set<ActorRef<Command>> waiting;
    boolean committed;

    InFlight(
        long version, CompletableFuture<ControlResult> result, Set<ActorRef<Command>> waiting) {
      this.version = version;
      this.result = result;
      this.waiting = waiting;
    }
  }
}
