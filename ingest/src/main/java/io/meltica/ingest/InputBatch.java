package io.meltica.ingest;

import io.meltica.actors.EntranceRefusals;
import io.meltica.actors.IngestBatch;
import io.meltica.pool.RecycleReason;
import io.meltica.pool.Recycler;
import io.meltica.protocol.Event;
import io.meltica.protocol.EventValidator;
import io.meltica.protocol.InvalidEventException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One venue's inputs, batched in the stream while the orchestrator was busy. It holds no pooled
 * envelope: {@link #toIngestBatch} acquires them only when the sink hands the batch over, so no
 * envelope ever waits in a stream buffer (and stopping the stream strands none).
 *
 * <p>Filled by one stream stage, read by the sink stage after it: Pekko Streams orders the two.
 */
final class InputBatch<I> {
  private static final Logger LOG = LoggerFactory.getLogger(DataBus.class);
  private static final String OWNER_TAG = "data-bus";

  private final Venue<I> venue;
  private final Object[] inputs;
  private int count;

  InputBatch(Venue<I> venue, int capacity, I first) {
    this.venue = venue;
    this.inputs = new Object[capacity];
    inputs[count++] = first;
  }

  InputBatch<I> add(I input) {
    inputs[count++] = input;
    return this;
  }

  /**
   * Turns every input into an envelope and counts it in {@code stats}. An input the venue cannot
   * fill, or whose event fails {@code validator}, is recycled as {@link
   * RecycleReason#REJECTED_INPUT}, counted in {@code refusals} and logged; the others go on. The
   * batch may come out empty.
   */
  @SuppressWarnings("unchecked") // every element was added as an I
  IngestBatch toIngestBatch(
      Recycler recycler, EventValidator validator, EntranceRefusals refusals, BusStats stats) {
    var batch = new IngestBatch(count);
    for (int i = 0; i < count; i++) {
      I input = (I) inputs[i];
      inputs[i] = null;
      Event event = recycler.pool().acquire(OWNER_TAG);
      if (filled(input, event, validator, refusals)) {
        stats.published(event.kind());
        batch.add(event);
      } else {
        recycler.recycle(event, event.generation(), RecycleReason.REJECTED_INPUT);
      }
    }
    count = 0;
    return batch;
  }

  private boolean filled(
      I input, Event event, EventValidator validator, EntranceRefusals refusals) {
    try {
      venue.fill(input, event);
    } catch (RuntimeException failure) {
      refusals.venueFailed();
      LOG.warn(
          "venue {} could not turn input {} into an event; skipped", venue.name(), input, failure);
      return false;
    }
    try {
      validator.check(event);
      return true;
    } catch (InvalidEventException refused) {
      refusals.refused(refused.reason());
      LOG.warn("venue {} made an invalid event, skipped: {}", venue.name(), refused.getMessage());
      return false;
    }
  }
}
