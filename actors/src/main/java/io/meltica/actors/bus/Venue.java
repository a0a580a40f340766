package io.meltica.actors.bus;

import io.meltica.protocol.Event;
import org.apache.pekko.NotUsed;
import org.apache.pekko.stream.javadsl.Source;

/**
 * A source of venue events for the {@link DataBus}, in two parts so that stopping the bus never
 * strands a pooled envelope inside a stream buffer:
 *
 * <ol>
 *   <li>{@link #inputs()}: the venue's raw, already validated inputs (a tick, a decoded line),
 *       paced and bounded as the venue needs. No envelope is acquired here; input that cannot
 *       become a valid event is rejected (and counted) here.
 *   <li>{@link #toEvent}: acquires an envelope from the pipeline's pool and fills it from one
 *       input. It must not fail for inputs {@link #inputs()} emitted.
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

  /** Validated inputs, each of which {@link #toEvent} turns into one event. */
  Source<I, NotUsed> inputs();

  /**
   * A filled envelope for one input, with its ingest time set; the caller owns it. Called on a
   * stream thread, one input at a time.
   */
  Event toEvent(I input);
}
