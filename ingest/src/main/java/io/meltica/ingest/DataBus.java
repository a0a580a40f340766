package io.meltica.ingest;

import io.meltica.actors.EntranceRefusals;
import io.meltica.actors.MelticaPipeline;
import io.meltica.actors.Orchestrator;
import io.meltica.protocol.EventValidator;
import io.meltica.protocol.OrchestratorMessage;
import java.util.List;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.Done;
import org.apache.pekko.NotUsed;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.stream.KillSwitches;
import org.apache.pekko.stream.SharedKillSwitch;
import org.apache.pekko.stream.javadsl.Keep;
import org.apache.pekko.stream.javadsl.Source;
import org.apache.pekko.stream.typed.javadsl.ActorSink;

/**
 * The ingest path: every venue's {@link Source}, merged into one stream that feeds the orchestrator
 * with backpressure.
 *
 * <pre>
 * venue inputs ─▶ kill switch ─▶ batch ─┐
 * venue inputs ─▶ kill switch ─▶ batch ─┼─▶ merge ─▶ ActorSink: acquire + fill ─▶ Orchestrator
 * venue inputs ─▶ kill switch ─▶ batch ─┘            (envelopes made here, one batch at a time)
 * </pre>
 *
 * <p>The sink waits for the orchestrator's ack after each batch, and the orchestrator holds the ack
 * while the pool is fuller than its high watermark: a slow pipeline slows the venues instead of
 * growing mailboxes. Envelopes are acquired only in the sink, as a batch is handed over, so none
 * ever waits in a stream buffer: the watermark counts only envelopes inside the pipeline, and
 * {@link #stop()} (which completes every venue's inputs) cannot strand one.
 *
 * <p>The sink is the bus's entrance check: an input its venue cannot fill, or whose event fails the
 * pipeline's {@link EventValidator}, is recycled, counted in the pipeline's {@link
 * EntranceRefusals} and logged at WARN, and the stream goes on with the next input.
 */
public final class DataBus {
  private final SharedKillSwitch killSwitch;
  private final CompletionStage<Done> completion;
  private final BusStats stats;

  private DataBus(SharedKillSwitch killSwitch, CompletionStage<Done> completion, BusStats stats) {
    this.killSwitch = killSwitch;
    this.completion = completion;
    this.stats = stats;
  }

  /** Starts ingesting every venue into {@code pipeline}. */
  public static DataBus run(
      ActorSystem<?> system, MelticaPipeline pipeline, List<? extends Venue<?>> venues) {
    if (venues.isEmpty()) {
      throw new IllegalArgumentException("the data bus needs at least one venue");
    }
    SharedKillSwitch killSwitch = KillSwitches.shared("meltica-data-bus");
    BusStats stats = new BusStats();
    int batchSize = pipeline.settings().ingest().batchSize();
    EventValidator validator = new EventValidator(pipeline.ids(), pipeline.pool());
    EntranceRefusals refusals = pipeline.metrics().refusals();
    Source<InputBatch<?>, NotUsed> merged = null;
    for (Venue<?> venue : venues) {
      Source<InputBatch<?>, NotUsed> batches = batchesOf(venue, killSwitch, batchSize);
      merged = merged == null ? batches : merged.merge(batches);
    }
    CompletionStage<Done> completion =
        merged
            .watchTermination(Keep.right())
            .to(
                ActorSink
                    .<InputBatch<?>, OrchestratorMessage, Orchestrator.IngestAck>
                        actorRefWithBackpressure(
                            pipeline.ingress(),
                            (ackTo, inputs) ->
                                inputs
                                    .toIngestBatch(pipeline.recycler(), validator, refusals, stats)
                                    .ackTo(ackTo),
                            Orchestrator.IngestStarted::new,
                            Orchestrator.IngestAck.INSTANCE,
                            new Orchestrator.IngestEnded(null),
                            Orchestrator.IngestEnded::new))
            .run(system);
    return new DataBus(killSwitch, completion, stats);
  }

  private static <I> Source<InputBatch<?>, NotUsed> batchesOf(
      Venue<I> venue, SharedKillSwitch killSwitch, int batchSize) {
    return venue
        .inputs()
        .via(killSwitch.flow())
        .batch(batchSize, first -> new InputBatch<>(venue, batchSize, first), InputBatch::add)
        .map(batch -> batch);
  }

  /**
   * Completes when every venue is exhausted (or stopped); the sink may still be turning the last
   * batch into envelopes, and those may still be on their way through the pipeline.
   */
  public CompletionStage<Done> completion() {
    return completion;
  }

  /** Stops every venue; batches already formed still reach the orchestrator. */
  public CompletionStage<Done> stop() {
    killSwitch.shutdown();
    return completion;
  }

  public BusStats stats() {
    return stats;
  }
}
