package io.meltica.protocol;

/**
 * The checks every entrance of the pipeline makes before an event goes in ({@code publish}, the
 * data bus): a kind the publisher may send, instrument and venue ids within the registry, and the
 * fields its kind needs. The tables behind the pipeline (subscriptions, merge windows, conflation)
 * are sized from the registry, so an id from outside it must never get past an entrance.
 *
 * <p>Rules per kind: market data (TRADE, QUOTE, BOOK_DELTA, BOOK_SNAPSHOT) names an instrument and
 * a venue; a TRADE has a positive price and quantity and a side; a BOOK_DELTA a positive price, a
 * quantity of 0 or more and a side of BUY or SELL; a QUOTE or BOOK_SNAPSHOT non-negative prices and
 * sizes; an EXEC_REPORT an order status, a side and non-negative amounts. Consolidated quotes and
 * control acks and results are made by the pipeline only.
 *
 * <p>Immutable and thread-safe. Allocates only to describe a refusal.
 */
public final class EventValidator {
  private final int instruments;
  private final int venues;
  private final Object pool;

  /**
   * @param pool the pool every checked envelope must come from
   */
  public EventValidator(IdRegistry ids, Object pool) {
    this.instruments = ids.instrumentCount();
    this.venues = ids.venueCount();
    this.pool = pool;
  }

  /**
   * @throws InvalidEventException naming the first problem found, its field and value. If its
   *     {@link InvalidEventException.Reason#isRecyclable() reason is not recyclable} the envelope
   *     is not the pipeline's to recycle: the caller keeps it.
   */
  public void check(Event event) {
    if (event.origin() != pool) {
      throw refused(
          InvalidEventException.Reason.FOREIGN_ENVELOPE,
          "envelope "
              + (event.origin() == null ? "is standalone" : "comes from another pool")
              + "; acquire it from the pipeline");
    }
    if (!event.isLive()) {
      throw refused(
          InvalidEventException.Reason.NOT_ACQUIRED,
          "envelope is not acquired (generation "
              + event.generation()
              + ", released by "
              + event.lastOwner()
              + "); acquire a new one for each event");
    }
    EventKind kind = event.kind();
    if (kind == null) {
      throw refused(InvalidEventException.Reason.MISSING_KIND, "kind is not set");
    }
    if (kind == EventKind.CONSOLIDATED_QUOTE
        || kind.isCritical() && kind != EventKind.EXEC_REPORT) {
      throw refused(
          InvalidEventException.Reason.NOT_PUBLISHABLE,
          "kind " + kind + " is made by the pipeline, not published");
    }
    checkIds(event, kind);
    if (event.targetStrategyId() < 0) {
      throw badValue(kind, "target consumer id", Integer.toString(event.targetStrategyId()));
    }
    switch (kind) {
      case TRADE -> {
        positive(kind, "price", event.price());
        positive(kind, "quantity", event.quantity());
        present(kind, "side", event.side());
      }
      case BOOK_DELTA -> {
        positive(kind, "price", event.price());
        notNegative(kind, "quantity", event.quantity());
        if (event.side() != Side.BUY && event.side() != Side.SELL) {
          throw refused(
              InvalidEventException.Reason.MISSING_FIELD,
              "side must be BUY or SELL for BOOK_DELTA, got " + event.side());
        }
      }
      case QUOTE, BOOK_SNAPSHOT -> {
        notNegative(kind, "bid price", event.bidPrice());
        notNegative(kind, "bid size", event.bidSize());
        notNegative(kind, "ask price", event.askPrice());
        notNegative(kind, "ask size", event.askSize());
      }
      default -> { // EXEC_REPORT
        if (event.execStatus() == null || event.execStatus() == ExecStatus.NONE) {
          throw refused(
              InvalidEventException.Reason.MISSING_FIELD,
              "exec status is required for EXEC_REPORT, got " + event.execStatus());
        }
        present(kind, "side", event.side());
        notNegative(kind, "price", event.price());
        notNegative(kind, "quantity", event.quantity());
        notNegative(kind, "filled quantity", event.filledQuantity());
        notNegative(kind, "leaves quantity", event.leavesQuantity());
      }
    }
  }

  private void checkIds(Event event, EventKind kind) {
    int instrument = event.instrumentId();
    if (instrument < 0 || instrument > instruments) {
      throw refused(
          InvalidEventException.Reason.UNKNOWN_INSTRUMENT,
          "instrument id " + instrument + " is outside the registry (1.." + instruments + ")");
    }
    int venue = event.venueId();
    if (venue < 0 || venue > venues) {
      throw refused(
          InvalidEventException.Reason.UNKNOWN_VENUE,
          "venue id " + venue + " is outside the registry (1.." + venues + ")");
    }
    if (kind.isMarketData() && instrument == 0) {
      throw refused(
          InvalidEventException.Reason.MISSING_FIELD, "instrument id is required for " + kind);
    }
    if (kind.isMarketData() && venue == 0) {
      throw refused(InvalidEventException.Reason.MISSING_FIELD, "venue id is required for " + kind);
    }
  }

  private static void positive(EventKind kind, String field, long value) {
    if (value <= 0) {
      throw refused(
          value == 0
              ? InvalidEventException.Reason.MISSING_FIELD
              : InvalidEventException.Reason.BAD_VALUE,
          field + " must be positive for " + kind + ", got " + FixedPoint.format(value));
    }
  }

  private static void notNegative(EventKind kind, String field, long value) {
    if (value < 0) {
      throw badValue(kind, field, FixedPoint.format(value));
    }
  }

  private static void present(EventKind kind, String field, Object value) {
    if (value == null) {
      throw refused(InvalidEventException.Reason.MISSING_FIELD, field + " is required for " + kind);
    }
  }

  private static InvalidEventException badValue(EventKind kind, String field, String value) {
    return refused(
        InvalidEventException.Reason.BAD_VALUE,
        field + " must not be negative for " + kind + ", got " + value);
  }

  private static InvalidEventException refused(InvalidEventException.Reason reason, String what) {
    return new InvalidEventException(reason, "event refused: " + what);
  }
}
