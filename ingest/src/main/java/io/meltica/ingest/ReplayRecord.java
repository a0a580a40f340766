package io.meltica.ingest;

import io.meltica.protocol.Event;
import io.meltica.protocol.EventKind;
import io.meltica.protocol.ExecStatus;
import io.meltica.protocol.Side;
import java.util.Objects;

/**
 * One validated line of a replay file: everything an {@link Event} needs, already interned and in
 * fixed point, so that {@link #writeTo(Event)} cannot fail. Fields a kind does not use hold their
 * {@link Event#reset() reset} values (0, {@link Side#NONE}, {@link ExecStatus#NONE}).
 *
 * <p>Immutable; safe to share between threads.
 *
 * @param lineNumber the 1-based line it came from, for diagnostics
 * @param kind any kind but CONSOLIDATED_QUOTE, CONTROL_ACK and CONTROL_RESULT
 * @param venueId interned venue, from 1
 * @param instrumentId interned instrument, from 1
 * @param venueSequence the venue's sequence number ({@code seq}), 0 if absent
 * @param eventTimeNanos event time in epoch nanoseconds ({@code ts}), 0 if absent
 * @param traceId given or derived, never {@link io.meltica.protocol.TraceIds#NONE}
 * @param targetStrategyId the only strategy to receive it, or {@link Event#NO_TARGET}
 * @param price TRADE, BOOK_DELTA, EXEC_REPORT (last fill); fixed point
 * @param quantity TRADE, BOOK_DELTA (0 removes the level), EXEC_REPORT (last fill); fixed point
 * @param side TRADE (aggressor), BOOK_DELTA, EXEC_REPORT
 * @param orderId EXEC_REPORT
 * @param execStatus EXEC_REPORT
 * @param filledQuantity EXEC_REPORT; fixed point
 * @param leavesQuantity EXEC_REPORT; fixed point
 * @param bidPrice QUOTE, BOOK_SNAPSHOT; fixed point
 * @param bidSize QUOTE, BOOK_SNAPSHOT; fixed point
 * @param askPrice QUOTE, BOOK_SNAPSHOT; fixed point
 * @param askSize QUOTE, BOOK_SNAPSHOT; fixed point
 */
public record ReplayRecord(
    long lineNumber,
    EventKind kind,
    int venueId,
    int instrumentId,
    long venueSequence,
    long eventTimeNanos,
    long traceId,
    int targetStrategyId,
    long price,
    long quantity,
    Side side,
    long orderId,
    ExecStatus execStatus,
    long filledQuantity,
    long leavesQuantity,
    long bidPrice,
    long bidSize,
    long askPrice,
    long askSize) {

  public ReplayRecord {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(side, "side");
    Objects.requireNonNull(execStatus, "execStatus");
  }

  /**
   * Sets every payload field of {@code event} that a replay line can carry; the routing version,
   * ingest and dispatch times and the legs of a consolidated quote are left to the pipeline.
   */
  public void writeTo(Event event) {
    event
        .setKind(kind)
        .setVenueId(venueId)
        .setInstrumentId(instrumentId)
        .setVenueSequence(venueSequence)
        .setEventTimeNanos(eventTimeNanos)
        .setTraceId(traceId)
        .setTargetStrategyId(targetStrategyId)
        .setPrice(price)
        .setQuantity(quantity)
        .setSide(side)
        .setOrderId(orderId)
        .setExecStatus(execStatus)
        .setFilledQuantity(filledQuantity)
        .setLeavesQuantity(leavesQuantity)
        .setTopOfBook(bidPrice, bidSize, askPrice, askSize);
  }

  /**
   * Collects the fields of one record while a line is decoded; fields not set keep their reset
   * values. Not thread-safe: one per line.
   */
  static final class Builder {
    long lineNumber;
    EventKind kind;
    int venueId;
    int instrumentId;
    long venueSequence;
    long eventTimeNanos;
    long traceId;
    int targetStrategyId = Event.NO_TARGET;
    long price;
    long quantity;
    Side side = Side.NONE;
    long orderId;
    ExecStatus execStatus = ExecStatus.NONE;
    long filledQuantity;
    long leavesQuantity;
    long bidPrice;
    long bidSize;
    long askPrice;
    long askSize;

    ReplayRecord build() {
      return new ReplayRecord(
          lineNumber,
          kind,
          venueId,
          instrumentId,
          venueSequence,
          eventTimeNanos,
          traceId,
          targetStrategyId,
          price,
          quantity,
          side,
          orderId,
          execStatus,
          filledQuantity,
          leavesQuantity,
          bidPrice,
          bidSize,
          askPrice,
          askSize);
    }
  }
}
