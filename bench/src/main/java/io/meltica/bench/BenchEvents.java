package io.meltica.bench;

import io.meltica.protocol.Event;
import io.meltica.protocol.EventKind;

/**
 * The one event every benchmark publishes: a TRADE of instrument 1 (BTC-USDT in the default id
 * registry) at venue 1, numbered by its sequence, which also gives it a non-zero trace id and a
 * price (sequence + 1: the pipeline refuses a trade without a price). Filling an envelope allocates
 * nothing; the caller owns the envelope it fills.
 */
public final class BenchEvents {
  public static final int INSTRUMENT_ID = 1;
  public static final int VENUE_ID = 1;

  private BenchEvents() {}

  /**
   * Fills {@code event} as trade number {@code sequence}.
   *
   * @param ingestNanos its ingest time in {@link System#nanoTime()} units; 0 for none
   * @return {@code event}
   */
  public static Event trade(Event event, long sequence, long ingestNanos) {
    return event
        .setKind(EventKind.TRADE)
        .setInstrumentId(INSTRUMENT_ID)
        .setVenueId(VENUE_ID)
        .setVenueSequence(sequence)
        .setTraceId(sequence + 1)
        .setPrice(sequence + 1)
        .setQuantity(1)
        .setIngestTimeNanos(ingestNanos);
  }
}
