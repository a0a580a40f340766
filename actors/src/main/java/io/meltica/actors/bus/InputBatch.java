package io.meltica.actors.bus;

import io.meltica.actors.Orchestrator;

/**
 * One venue's inputs, batched in the stream while the orchestrator was busy. It holds no pooled
 * envelope: {@link #toIngestBatch} acquires them only when the sink hands the batch over, so no
 * envelope ever waits in a stream buffer (and stopping the stream strands none).
 *
 * <p>Filled by one stream stage, read by the sink stage after it: Pekko Streams orders the two.
 */
final class InputBatch<I> {
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

  /** Turns every input into an envelope, counting each in {@code stats}. */
  @SuppressWarnings("unchecked") // every element was added as an I
  Orchestrator.IngestBatch toIngestBatch(BusStats stats) {
    Orchestrator.IngestBatch batch = null;
    for (int i = 0; i < count; i++) {
      var event = venue.toEvent((I) inputs[i]);
      stats.published(event.kind());
      batch = batch == null ? new Orchestrator.IngestBatch(count, event) : batch.add(event);
    }
    return batch;
  }
}
