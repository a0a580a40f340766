package io.meltica.simulation;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a simulation or replay run produced. Field names map one to one to the keys of the JSON
 * report (camelCase here, snake_case there: {@code marketData} is {@code market_data}); the keys
 * are documented in docs/report.md and stay stable.
 *
 * @param published events the venues published (control acks and results not included)
 * @param delivered events handed to strategy handlers
 * @param critical critical events expected at and delivered to the strategies they are meant for
 * @param flip old-version market data that reached a strategy after a flip, and how much of it was
 *     delivered
 * @param filtered market data the strategies' gates dropped
 * @param mailboxDrops market data the strategies' mailboxes took away by their policy, in total and
 *     per strategy
 * @param failures handler failures, and how many carried a trace id
 * @param pool the envelope pool over the run
 * @param latencyUs publish to handler start of every kind but consolidated quotes (trades, quotes,
 *     book data, critical events), in microseconds: the time the distributor itself takes, and the
 *     run's headline latency
 * @param consolidatedQuotes publish to handler start of consolidated quotes, which includes the
 *     wait for the merge window, kept apart from the headline
 * @param latencyByKindUs publish to handler start per event kind, one row per kind with at least
 *     one sample, in {@code EventKind} order
 * @param throughputEps events the router handled per second of the run
 * @param rejectedInput input lines rejected, in total and per reason
 * @param threadsLeaked non-daemon threads still alive after the ActorSystem stopped (-1 when the
 *     run did not own the system and could not tell)
 * @param durationS wall time of the run in seconds
 * @param timeline one sample per second
 * @param flips when each routing flip was requested and the version it moved to
 * @param latencyCurve the headline latency distribution as percentile points, for a chart
 * @param counters every running total in the pipeline's counters registry at the end, keyed {@code
 *     name{label=value,...}} (labels sorted), in key order: what the figures above are made from,
 *     and everything else that was counted
 */
public record SimulationReport(
    Published published,
    Delivered delivered,
    Critical critical,
    Flip flip,
    long filtered,
    MailboxDrops mailboxDrops,
    Failures failures,
    Pool pool,
    Latency latencyUs,
    ConsolidatedQuotes consolidatedQuotes,
    List<KindLatency> latencyByKindUs,
    double throughputEps,
    Rejected rejectedInput,
    int threadsLeaked,
    double durationS,
    List<Sample> timeline,
    List<FlipMark> flips,
    List<CurvePoint> latencyCurve,
    Map<String, Long> counters) {

  public SimulationReport {
    counters = Collections.unmodifiableMap(new TreeMap<>(counters));
    timeline = List.copyOf(timeline);
    flips = List.copyOf(flips);
    latencyCurve = List.copyOf(latencyCurve);
    latencyByKindUs = List.copyOf(latencyByKindUs);
  }

  /** The same report with {@code threadsLeaked} filled in by whoever owned the ActorSystem. */
  public SimulationReport withThreadsLeaked(int leaked) {
    return new SimulationReport(
        published,
        delivered,
        critical,
        flip,
        filtered,
        mailboxDrops,
        failures,
        pool,
        latencyUs,
        consolidatedQuotes,
        latencyByKindUs,
        throughputEps,
        rejectedInput,
        leaked,
        durationS,
        timeline,
        flips,
        latencyCurve,
        counters);
  }

  /** Why the run counts as failed, or null if it completed clean. */
  public String problem() {
    if (pool.inUseAtEnd() != 0) {
      return "leak: " + pool.inUseAtEnd() + " envelope(s) still in use at the end";
    }
    if (threadsLeaked > 0) {
      return "leak: " + threadsLeaked + " non-daemon thread(s) left behind";
    }
    if (critical.delivered() != critical.expected()) {
      return "critical loss: "
          + critical.delivered()
          + " of "
          + critical.expected()
          + " critical events delivered";
    }
    if (pool.doubleReleases() != 0 || pool.staleReleases() != 0) {
      return "misuse: "
          + pool.doubleReleases()
          + " double and "
          + pool.staleReleases()
          + " stale release(s)";
    }
    if (pool.unaccounted() != 0) {
      return "leak: " + pool.unaccounted() + " envelope(s) unaccounted for";
    }
    return null;
  }

  public record Published(long total, long marketData, long critical) {}

  public record Delivered(long marketData, long critical) {}

  /** Expected = critical events × the strategies each is meant for. */
  public record Critical(long expected, long delivered) {}

  public record Flip(long staleAfterFlip, long staleDelivered) {}

  public record Failures(long total, long withTraceId) {}

  public record Pool(
      long capacity,
      long peakInUse,
      double peakUtilization,
      long inUseAtEnd,
      long misses,
      long doubleReleases,
      long staleReleases,
      long unaccounted) {}

  /**
   * Market data the strategies' mailboxes took away: replaced by a newer event of the same
   * instrument, kind and venue (conflated) or dropped at a drop-* policy's capacity (overflowed).
   *
   * @param byStrategy per strategy name
   */
  public record MailboxDrops(long conflated, long overflowed, Map<String, Drops> byStrategy) {
    public MailboxDrops {
      byStrategy = Map.copyOf(byStrategy);
    }
  }

  public record Drops(long conflated, long overflowed) {}

  /**
   * A latency distribution in microseconds.
   *
   * @param count samples (handler calls) it covers
   */
  public record Latency(long count, double p50, double p95, double p99, double p999, double max) {}

  /**
   * Consolidated quotes, apart from the headline: a consolidated quote carries its first partial's
   * publish time and is routed when its merge completes or its window ends, so its latency includes
   * up to {@code mergeWindowMs} of waiting on purpose.
   *
   * @param mergeWindowMs the configured merge window ({@code meltica.orchestrator.merge.timeout})
   *     in milliseconds; NaN when merging is off or the run could not tell
   * @param latencyUs publish to handler start, in microseconds
   */
  public record ConsolidatedQuotes(double mergeWindowMs, Latency latencyUs) {}

  /**
   * Publish to handler start of one event kind, in microseconds.
   *
   * @param kind the kind in lower case, as in the Prometheus {@code kind} label ({@code trade},
   *     {@code consolidated_quote}, ...)
   * @param count samples (handler calls)
   */
  public record KindLatency(
      String kind, long count, double p50, double p99, double p999, double max) {}

  public record Rejected(long total, Map<String, Long> byReason) {
    public Rejected {
      byReason = Map.copyOf(byReason);
    }
  }

  /**
   * One second of the run.
   *
   * @param tS seconds since the start, at the end of the sample
   * @param eventsPerS events the router handled in this second
   * @param poolUtilization envelopes in use ÷ capacity at the sample
   * @param deliveredMarketData market data handed to handlers in this second
   * @param filteredMarketData market data dropped by the gates in this second
   * @param failures handler failures in this second
   * @param p99Us publish to handler start p99 over this second, every kind but consolidated quotes
   *     (as the headline), in microseconds
   */
  public record Sample(
      double tS,
      double eventsPerS,
      double poolUtilization,
      long deliveredMarketData,
      long filteredMarketData,
      long failures,
      double p99Us) {}

  /** A routing flip: when it was requested and the version it moved to. */
  public record FlipMark(double atS, long version) {}

  /** The latency at one percentile, in microseconds. */
  public record CurvePoint(double percentile, double latencyUs) {}
}
