package io.meltica.ingest;

import io.meltica.protocol.IdRegistry;
import java.util.Arrays;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Coinbase's sequence rule (docs/venues.md), per product:
 *
 * <ul>
 *   <li>{@code sequence} orders the messages of one channel (matches, ticker, heartbeat, each
 *       tracked apart): one not after the last seen on its channel arrived late or twice and is
 *       dropped. It never shows a gap: Coinbase numbers every message of the product's full
 *       channel, so consecutive matches or tickers skip numbers with nothing lost.
 *   <li>{@code trade_id}, which Coinbase numbers consecutively per product, shows lost matches: a
 *       match with {@code trade_id} above the last + 1, or a heartbeat whose {@code last_trade_id}
 *       is above the last, is a gap (counted, logged once at WARN); a match with {@code trade_id}
 *       not above the last is a duplicate and dropped. A heartbeat's {@code last_trade_id} that
 *       showed a gap becomes the last, so the next match does not count the same loss again. The
 *       first match of a product sets the baseline; a heartbeat before it shows nothing.
 * </ul>
 *
 * <p>Not thread-safe: one per {@link CoinbaseFeed}, called by its one stream stage.
 */
final class CoinbaseOrdering {
  /** What to do with a message. */
  enum Verdict {
    /** In order: use it. */
    IN_ORDER,
    /** In order, and matches before it were lost: use it, and mark the product's book stale. */
    GAP,
    /** Late or repeated: drop it. */
    DROPPED
  }

  /** The channels whose {@code sequence} is followed apart. */
  enum Channel {
    MATCHES,
    TICKER,
    HEARTBEAT
  }

  private static final Logger log = LoggerFactory.getLogger(CoinbaseVenue.class);
  private static final long NONE = -1;

  private final IdRegistry ids;
  private final VenueFeedStats stats;
  private final long[][] lastSequence = new long[Channel.values().length][];
  private final long[] lastTradeId;

  CoinbaseOrdering(IdRegistry ids, VenueFeedStats stats) {
    this.ids = ids;
    this.stats = stats;
    for (Channel channel : Channel.values()) {
      lastSequence[channel.ordinal()] = none(ids.instrumentCount() + 1);
    }
    this.lastTradeId = none(ids.instrumentCount() + 1);
  }

  private static long[] none(int length) {
    long[] values = new long[length];
    Arrays.fill(values, NONE);
    return values;
  }

  /** A {@code ticker}: in order or dropped; tickers are batched by Coinbase, so no gap. */
  Verdict ticker(CoinbaseMessage.Ticker ticker) {
    return inOrder(Channel.TICKER, ticker.instrumentId(), ticker.sequence(), ticker.lineNumber())
        ? Verdict.IN_ORDER
        : Verdict.DROPPED;
  }

  /** A {@code match} or {@code last_match}: ordered by {@code sequence}, checked by trade id. */
  Verdict match(CoinbaseMessage.Match match) {
    int product = match.instrumentId();
    if (!inOrder(Channel.MATCHES, product, match.sequence(), match.lineNumber())) {
      return Verdict.DROPPED;
    }
    long last = lastTradeId[product];
    long tradeId = match.tradeId();
    if (last != NONE && tradeId <= last) {
      log.debug(
          "coinbase {}: trade_id {} at line {} is not after {}: duplicate, dropped",
          ids.instrumentSymbol(product),
          tradeId,
          match.lineNumber(),
          last);
      return Verdict.DROPPED;
    }
    lastTradeId[product] = tradeId;
    if (last != NONE && tradeId > last + 1) {
      return gap(product, match.lineNumber(), "trade_id", last + 1, tradeId);
    }
    return Verdict.IN_ORDER;
  }

  /** A {@code heartbeat}: ordered by {@code sequence}, its {@code last_trade_id} checked. */
  Verdict heartbeat(CoinbaseMessage.Heartbeat heartbeat) {
    int product = heartbeat.instrumentId();
    if (!inOrder(Channel.HEARTBEAT, product, heartbeat.sequence(), heartbeat.lineNumber())) {
      return Verdict.DROPPED;
    }
    long last = lastTradeId[product];
    if (last == NONE || heartbeat.lastTradeId() <= last) {
      return Verdict.IN_ORDER; // no baseline yet, or the trades it names were all seen
    }
    lastTradeId[product] = heartbeat.lastTradeId();
    return gap(product, heartbeat.lineNumber(), "last_trade_id", last, heartbeat.lastTradeId());
  }

  private boolean inOrder(Channel channel, int product, long sequence, long lineNumber) {
    long[] last = lastSequence[channel.ordinal()];
    if (last[product] != NONE && sequence <= last[product]) {
      log.debug(
          "coinbase {}: {} sequence {} at line {} is not after {}: dropped",
          ids.instrumentSymbol(product),
          channel,
          sequence,
          lineNumber,
          last[product]);
      return false;
    }
    last[product] = sequence;
    return true;
  }

  private Verdict gap(int product, long lineNumber, String field, long expected, long got) {
    stats.recordGap();
    log.warn(
        "coinbase {}: trade_id gap at line {}: expected {} {}, got {}; book stale until the next"
            + " snapshot",
        ids.instrumentSymbol(product),
        lineNumber,
        field,
        expected,
        got);
    return Verdict.GAP;
  }
}
