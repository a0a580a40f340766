package io.meltica.bench.latency;

import io.meltica.actors.MelticaPipeline;
import io.meltica.bench.Waits;
import io.meltica.ingest.DataBus;
import io.meltica.ingest.Venue;
import io.meltica.protocol.Event;
import java.time.Duration;
import java.util.List;
import java.util.stream.LongStream;
import org.apache.pekko.NotUsed;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.stream.ActorAttributes;
import org.apache.pekko.stream.javadsl.Source;

/**
 * Publishes TRADE events through the real {@link DataBus}: a venue whose inputs are the events'
 * sequence numbers, each released at its intended time {@code start + i × period} (park-then-yield
 * on a blocking-I/O dispatcher thread of its own, as {@link FixedRatePublisher} waits: Pekko's
 * {@code throttle} reached only about 40 k events/s here, its timers being 10 ms ticks) and filled
 * with that time as ingest time. The bus's backpressure applies (the orchestrator holds its ack
 * while the pool is above the high watermark), so when the pipeline cannot keep up ingest waits,
 * and every event still carries the time it was due: what it waited counts as latency.
 *
 * <p>{@link #run} blocks the calling thread until the bus completed and every envelope it took was
 * handed over; the events are filled on the stream's thread, one at a time.
 */
final class DataBusPublisher extends SchedulePublisher {
  private static final Duration COMPLETION_TIMEOUT = Duration.ofMinutes(5);
  private static final String PACING_DISPATCHER = "pekko.actor.default-blocking-io-dispatcher";

  private final ActorSystem<?> system;
  private final MelticaPipeline pipeline;

  DataBusPublisher(
      ActorSystem<?> system,
      MelticaPipeline pipeline,
      CompletionTracker tracker,
      int trackedSubscribers,
      long ratePerSecond) {
    super(tracker, trackedSubscribers, ratePerSecond);
    this.system = system;
    this.pipeline = pipeline;
  }

  @Override
  void run(long count) {
    long acquiredBefore = pipeline.pool().acquiredCount();
    DataBus bus = DataBus.run(system, pipeline, List.of(new FixedRateVenue(count)));
    Waits.until(
        () -> bus.completion().toCompletableFuture().isDone(),
        COMPLETION_TIMEOUT,
        "the data bus to complete");
    // The bus completes when its source is exhausted; the sink may still fill the last batch.
    Waits.until(
        () -> pipeline.pool().acquiredCount() - acquiredBefore >= count,
        COMPLETION_TIMEOUT,
        "the data bus to hand over its last batch");
  }

  /** Sequence numbers at the rate; filled into trades stamped with their intended time. */
  private final class FixedRateVenue implements Venue<Long> {
    private final long count;
    private final long start = System.nanoTime();

    FixedRateVenue(long count) {
      this.count = count;
    }

    @Override
    public String name() {
      return "bench-fixed-rate";
    }

    @Override
    public Source<Long, NotUsed> inputs() {
      return Source.fromIterator(() -> LongStream.range(0, count).peek(this::awaitDue).iterator())
          .withAttributes(ActorAttributes.dispatcher(PACING_DISPATCHER))
          .async();
    }

    private void awaitDue(long sequence) {
      Waits.untilNanoTime(intendedTime(start, sequence));
    }

    @Override
    public void fill(Long sequence, Event event) {
      stamp(event, sequence, intendedTime(start, sequence), System.nanoTime());
    }
  }
}
