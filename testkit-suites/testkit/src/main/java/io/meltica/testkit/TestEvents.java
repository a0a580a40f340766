package io.meltica.testkit;

import io.meltica.actors.MelticaPipeline;
import io.meltica.protocol.Event;
import io.meltica.protocol.EventKind;
import io.meltica.protocol.ExecStatus;
import io.meltica.protocol.FixedPoint;
import io.meltica.protocol.IdRegistry;
import io.meltica.protocol.Side;
import io.meltica.protocol.TraceIds;

/**
 * Builds and publishes events on a pipeline by name, with fresh trace ids and the ingest time set.
 * Each method acquires an envelope from the pipeline's pool, fills it and publishes it (the {@code
 * build} variants return it unpublished, owned by the caller).
 *
 * <p>Not thread-safe: one instance per publishing thread.
 */
public final class TestEvents {
  private final MelticaPipeline pipeline;
  private final IdRegistry ids;
  private final long seed;
  private long published;
  private long sequence;

  private TestEvents(MelticaPipeline pipeline, long seed) {
    this.pipeline = pipeline;
    this.ids = pipeline.ids();
    this.seed = seed;
  }

  public static TestEvents on(MelticaPipeline pipeline) {
    return new TestEvents(pipeline, System.identityHashCode(pipeline));
  }

  /** A trade, unpublished. */
  public Event buildTrade(String symbol, String venue, double price, double quantity) {
    return header(EventKind.TRADE, symbol, venue)
        .setPrice(FixedPoint.fromDouble(price))
        .setQuantity(FixedPoint.fromDouble(quantity))
        .setSide(Side.BUY);
  }

  /** Publishes a trade; returns its trace id. */
  public long trade(String symbol, String venue, double price, double quantity) {
    return publish(buildTrade(symbol, venue, price, quantity));
  }

  /** A venue's top of book, unpublished. */
  public Event buildQuote(String symbol, String venue, double bid, double ask) {
    return header(EventKind.QUOTE, symbol, venue)
        .setTopOfBook(
            FixedPoint.fromDouble(bid),
            FixedPoint.fromDouble(1),
            FixedPoint.fromDouble(ask),
            FixedPoint.fromDouble(1));
  }

  /** Publishes a venue's top of book; returns its trace id. */
  public long quote(String symbol, String venue, double bid, double ask) {
    return publish(buildQuote(symbol, venue, bid, ask));
  }

  /** An execution report for the strategy {@code strategyId}, unpublished. */
  public Event buildExecReport(int strategyId, String symbol, long orderId, ExecStatus status) {
    return header(EventKind.EXEC_REPORT, symbol, ids.venueName(1))
        .setTargetStrategyId(strategyId)
        .setOrderId(orderId)
        .setExecStatus(status)
        .setSide(Side.SELL);
  }

  /** Publishes an execution report for the strategy {@code strategyId}; returns its trace id. */
  public long execReport(int strategyId, String symbol, long orderId, ExecStatus status) {
    return publish(buildExecReport(strategyId, symbol, orderId, status));
  }

  /** Publishes an event built here (or elsewhere); returns its trace id. */
  public long publish(Event event) {
    long traceId = event.traceId();
    pipeline.publish(event);
    published++;
    return traceId;
  }

  /** Events published through this instance. */
  public long published() {
    return published;
  }

  private Event header(EventKind kind, String symbol, String venue) {
    long n = sequence++;
    return pipeline
        .acquire()
        .setKind(kind)
        .setInstrumentId(ids.instrumentId(symbol))
        .setVenueId(ids.venueId(venue))
        .setVenueSequence(n)
        .setTraceId(TraceIds.derive(seed, n))
        .setEventTimeNanos(System.currentTimeMillis() * 1_000_000L)
        .setIngestTimeNanos(System.nanoTime());
  }
}
