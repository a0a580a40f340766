package io.meltica.ingest;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.typesafe.config.Config;
import io.meltica.protocol.IdRegistry;
import java.util.List;
import java.util.Optional;

/**
 * Coinbase Exchange's public live feed (docs/venues.md, "Live feeds"): one connection subscribed to
 * the level2 channel ({@code level2-channel}: {@code level2_batch} by default, the one Coinbase
 * serves without authentication), {@code matches}, {@code ticker} and {@code heartbeat} of each
 * configured product. Coinbase sends a level2 snapshot on every subscription, so a stale book is
 * resynced by unsubscribing and subscribing its level2 channel again; the {@code heartbeat} channel
 * keeps the connection busy and lets the feed see lost matches ({@link CoinbaseOrdering}).
 *
 * <p>Immutable and thread-safe.
 */
final class CoinbaseLiveProtocol extends SubscribedLiveProtocol {
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  private final String level2Channel;
  private final CoinbaseDecoder decoder;

  /**
   * Reads {@code meltica.live.coinbase} and {@code meltica.books}.
   *
   * @throws IllegalArgumentException if a product is not mapped in {@code
   *     meltica.venue-symbols.coinbase} or the mapping does not fit {@code ids}
   */
  CoinbaseLiveProtocol(Config config, IdRegistry ids) {
    super(CoinbaseVenue.VENUE, config, ids);
    this.level2Channel =
        config.getString("meltica.live." + CoinbaseVenue.VENUE + ".level2-channel");
    this.decoder = new CoinbaseDecoder(mapping());
  }

  /**
   * {@code {"type":"subscribe","product_ids":[...],"channels":[level2, matches, ticker,
   * heartbeat]}}.
   */
  @Override
  public List<String> subscribeMessages() {
    return List.of(
        message("subscribe", symbols(), level2Channel, "matches", "ticker", "heartbeat"));
  }

  /** {@code subscriptions} answers a (un)subscribe; {@code error} refuses one. */
  @Override
  public Chatter classify(String text) {
    if (text.startsWith("{\"type\":\"subscriptions\"")) {
      return Chatter.CONTROL;
    }
    return text.startsWith("{\"type\":\"error\"") ? Chatter.ERROR : Chatter.DATA;
  }

  /** None: the heartbeat channel sends every second, and Pekko answers the socket's pings. */
  @Override
  public Optional<KeepAlive> keepAlive() {
    return Optional.empty();
  }

  @Override
  public Optional<String> snapshotUri(String symbol) {
    return Optional.empty();
  }

  @Override
  public String snapshotLine(String symbol, String body) {
    throw new UnsupportedOperationException("Coinbase sends its snapshots on the socket");
  }

  /** Unsubscribe and subscribe level2: Coinbase answers the subscription with a snapshot. */
  @Override
  public List<String> resubscribeMessages(String symbol) {
    return List.of(
        message("unsubscribe", List.of(symbol), level2Channel),
        message("subscribe", List.of(symbol), level2Channel));
  }

  @Override
  public VenueFeed<?> newFeed(
      String name, IdRegistry ids, IngestStats ingest, VenueFeedStats stats) {
    return new CoinbaseFeed(name, decoder, ids, levelsPerSide, ingest, stats);
  }

  private static String message(String type, List<String> products, String... channels) {
    ObjectNode message = JSON.objectNode().put("type", type);
    ArrayNode productIds = message.putArray("product_ids");
    products.forEach(productIds::add);
    ArrayNode channelNames = message.putArray("channels");
    for (String channel : channels) {
      channelNames.add(channel);
    }
    return message.toString();
  }
}
