package io.meltica.ingest;

import io.meltica.protocol.Event;
import java.time.Duration;
import org.apache.pekko.NotUsed;
import org.apache.pekko.stream.javadsl.Source;

/**
 * A venue whose inputs end after a fixed time, so that a run over a feed that never ends on its own
 * (a live venue) stops like a synthetic one: the time-out completes the inputs and cancels the
 * venue's source, which for a live venue closes its socket.
 *
 * <p>Concurrency: immutable; as the venue it wraps.
 *
 * @param <I> the venue's input type
 */
public final class TimeBoxedVenue<I> implements Venue<I> {
  private final Venue<I> venue;
  private final Duration duration;

  public TimeBoxedVenue(Venue<I> venue, Duration duration) {
    this.venue = venue;
    this.duration = duration;
  }

  @Override
  public String name() {
    return venue.name();
  }

  @Override
  public Source<I, NotUsed> inputs() {
    return venue.inputs().takeWithin(duration);
  }

  @Override
  public void fill(I input, Event event) {
    venue.fill(input, event);
  }
}
