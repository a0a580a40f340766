package io.meltica.simulation;

import io.meltica.ingest.DataBus;
import io.meltica.protocol.ControlResult;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;

/**
 * Runs a simulation in time: samples progress once a second, requests the routing flips at their
 * moments, and when ingest has ended waits for the pipeline to go idle, stops it and completes the
 * report.
 */
final class SimulationDriver extends AbstractBehavior<SimulationDriver.Command> {

  sealed interface Command permits Tick, FlipAt, FlipDone, IngestDone, CheckIdle, Stopped {}

  enum Tick implements Command {
    INSTANCE
  }

  record FlipAt(int index) implements Command {}

  record FlipDone(ControlResult result, Throwable failure) implements Command {}

  record IngestDone(Throwable failure) implements Command {}

  enum CheckIdle implements Command {
    INSTANCE
  }

  record Stopped(Throwable failure) implements Command {}

  private static final Duration IDLE_CHECK = Duration.ofMillis(10);
  private static final Duration IDLE_TIMEOUT = Duration.ofSeconds(30);

  private final TimerScheduler<Command> timers;
  private final RunState run;
  private final Consumer<Progress> progress;
  private final Supplier<Map<String, Long>> rejected;
  private final CompletableFuture<SimulationReport> report;
  private double ingestSeconds;
  private int flipsAnswered;
  private long idleDeadline;

  static Behavior<Command> create(
      RunState run,
      DataBus bus,
      Duration flipSpacing,
      int flips,
      Consumer<Progress> progress,
      Supplier<Map<String, Long>> rejected,
      CompletableFuture<SimulationReport> report) {
    return Behaviors.setup(
        ctx ->
            Behaviors.withTimers(
                timers -> {
                  timers.startTimerAtFixedRate(Tick.INSTANCE, Duration.ofSeconds(1));
                  for (int i = 1; i <= flips; i++) {
                    timers.startSingleTimer(new FlipAt(i), flipSpacing.multipliedBy(i));
                  }
                  ctx.pipeToSelf(bus.completion(), (done, failure) -> new IngestDone(failure));
                  return new SimulationDriver(ctx, timers, run, progress, rejected, report);
                }));
  }

  private SimulationDriver(
      ActorContext<Command> ctx,
      TimerScheduler<Command> timers,
      RunState run,
      Consumer<Progress> progress,
      Supplier<Map<String, Long>> rejected,
      CompletableFuture<SimulationReport> report) {
    super(ctx);
    this.timers = timers;
    this.run = run;
    this.progress = progress;
    this.rejected = rejected;
    this.report = report;
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessageEquals(Tick.INSTANCE, this::onTick)
        .onMessage(FlipAt.class, this::onFlipAt)
        .onMessage(FlipDone.class, this::onFlipDone)
        .onMessage(IngestDone.class, this::onIngestDone)
        .onMessageEquals(CheckIdle.INSTANCE, this::onCheckIdle)
        .onMessage(Stopped.class, this::onStopped)
        .build();
  }

  private Behavior<Command> onTick() {
    progress.accept(run.sample());
    return this;
  }

  private Behavior<Command> onFlipAt(FlipAt flip) {
    long version = run.flips.size() + 2L; // versions start at 1; each flip adds one
    run.flips.add(new SimulationReport.FlipMark(run.elapsedSeconds(), version));
    run.criticalFromFlips += 2L * run.pipeline.metrics().strategies().size();
    getContext().pipeToSelf(run.pipeline.flipRouting(), FlipDone::new);
    return this;
  }

  private Behavior<Command> onFlipDone(FlipDone done) {
    flipsAnswered++;
    if (done.failure() != null) {
      getContext().getLog().error("routing flip failed", done.failure());
    }
    return this;
  }

  private Behavior<Command> onIngestDone(IngestDone done) {
    if (done.failure() != null) {
      getContext().getLog().error("ingest ended with a failure", done.failure());
    }
    ingestSeconds = run.elapsedSeconds();
    timers.cancel(Tick.INSTANCE);
    timers.startTimerWithFixedDelay(CheckIdle.INSTANCE, IDLE_CHECK);
    idleDeadline = System.nanoTime() + IDLE_TIMEOUT.toNanos();
    return this;
  }

  /** Idle: nothing in use and every requested flip answered, or the deadline passed. */
  private Behavior<Command> onCheckIdle() {
    boolean idle = run.pipeline.pool().inUse() == 0 && flipsDone();
    if (idle || System.nanoTime() > idleDeadline) {
      timers.cancel(CheckIdle.INSTANCE);
      run.sample();
      getContext()
          .pipeToSelf(run.pipeline.stop(), (Done ok, Throwable failure) -> new Stopped(failure));
    }
    return this;
  }

  private boolean flipsDone() {
    return flipsAnswered == run.flips.size();
  }

  private Behavior<Command> onStopped(Stopped stopped) {
    if (stopped.failure() != null) {
      report.completeExceptionally(stopped.failure());
    } else {
      report.complete(ReportAssembler.assemble(run, ingestSeconds, rejected.get()));
    }
    return Behaviors.stopped();
  }
}
