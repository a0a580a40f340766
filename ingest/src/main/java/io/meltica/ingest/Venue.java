package io.meltica.ingest;

import io.meltica.protocol.Event;
import org.apache.pekko.NotUsed;
import org.apache.pekko.stream.javadsl.Source;

/**
 * A source of venue events for the {@link DataBus}, in two parts so that stopping the bus never
 * strands a pooled envelope inside a stream buffer:
 *
 * <ol>
 *   <li>{@link #inputs()}: the venue's raw, already validated inputs (a tick, a decoded line),
 *       paced and bounded as the venue needs. No envelope exists here; input that cannot become a
 *       valid event is rejected (and counted) here.
 *   <li>{@link #fill}: fills an envelope the bus acquired from the pipeline's pool from one input.
 *       The bus owns the envelope throughout: if {@code fill} throws, or the event it made fails
 *       the pipeline's validation, the bus recycles it, counts and logs the refusal, and goes on.
 * </ol>
 *
 * The bus places its kill switch between the two, so a stop completes the inputs and every envelope
 * already made flows on to the orchestrator.
 *
 * @param <I> the venue's input type
 */
public interface Venue<I> {
  /** The venue's name, as in {@code meltica.venues}. */
  String name();

  /** Validated inputs, each of which {@link #fill} turns into one event. */
  Source<I, NotUsed> inputs();

  /**
   * Fills {@code event}, a cleared envelope the bus owns, from one input, ingest time included.
   * Called on a stream thread, one input at a time.
   */
  void fill(I input, Event event);
}
