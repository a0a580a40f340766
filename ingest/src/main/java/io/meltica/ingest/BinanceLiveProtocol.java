package io.meltica.ingest;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.typesafe.config.Config;
import io.meltica.protocol.IdRegistry;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Binance spot's live feed (docs/venues.md, "Live feeds"): one raw stream connection ({@code /ws})
 * subscribed to {@code <symbol>@trade}, {@code @bookTicker} and {@code @depth@100ms} of each
 * configured symbol; depth snapshots over REST ({@code /api/v3/depth}), wrapped as the recording
 * format wraps them. Binance pings at the WebSocket level and Pekko HTTP answers by itself, so
 * there is no application heartbeat.
 *
 * <p>Immutable and thread-safe.
 */
final class BinanceLiveProtocol extends SubscribedLiveProtocol {
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  private final String restUrl;
  private final int snapshotDepth;
  private final BinanceDecoder decoder;
  private final int bufferedUpdates;

  /**
   * Reads {@code meltica.live.binance} and {@code meltica.books}.
   *
   * @throws IllegalArgumentException if a symbol is not mapped in {@code
   *     meltica.venue-symbols.binance} or the mapping does not fit {@code ids}
   */
  BinanceLiveProtocol(Config config, IdRegistry ids) {
    super(BinanceVenue.VENUE, config, ids);
    String path = "meltica.live." + BinanceVenue.VENUE;
    this.restUrl = stripSlash(config.getString(path + ".rest-url"));
    this.snapshotDepth = config.getInt(path + ".snapshot-depth");
    this.decoder = new BinanceDecoder(mapping());
    this.bufferedUpdates = config.getInt("meltica.books.buffered-updates");
  }

  /** {@code {"method":"SUBSCRIBE","params":["btcusdt@trade",...],"id":1}}. */
  @Override
  public List<String> subscribeMessages() {
    ObjectNode subscribe = JSON.objectNode().put("method", "SUBSCRIBE");
    var params = subscribe.putArray("params");
    for (String symbol : symbols()) {
      String stream = symbol.toLowerCase(Locale.ROOT);
      params.add(stream + "@trade").add(stream + "@bookTicker").add(stream + "@depth@100ms");
    }
    return List.of(subscribe.put("id", 1).toString());
  }

  /**
   * {@code {"result":null,"id":1}} answers a request, {@code {"error":...}} refuses one; payloads
   * start with {@code "e"}, {@code "u"} or {@code "stream"}, so the first key tells.
   */
  @Override
  public Chatter classify(String text) {
    if (text.startsWith("{\"result\"") || text.startsWith("{\"id\"")) {
      return Chatter.CONTROL;
    }
    return text.startsWith("{\"error\"") ? Chatter.ERROR : Chatter.DATA;
  }

  @Override
  public Optional<KeepAlive> keepAlive() {
    return Optional.empty();
  }

  @Override
  public Optional<String> snapshotUri(String symbol) {
    return Optional.of(restUrl + "/api/v3/depth?symbol=" + symbol + "&limit=" + snapshotDepth);
  }

  /** {@code {"snapshot":SYMBOL,"data":<body>}}: the REST body does not name its symbol. */
  @Override
  public String snapshotLine(String symbol, String body) {
    return "{\"snapshot\":" + JSON.textNode(symbol) + ",\"data\":" + body + "}";
  }

  @Override
  public List<String> resubscribeMessages(String symbol) {
    return List.of();
  }

  @Override
  public VenueFeed<?> newFeed(
      String name, IdRegistry ids, IngestStats ingest, VenueFeedStats stats) {
    return new BinanceFeed(name, decoder, ids, levelsPerSide, bufferedUpdates, ingest, stats);
  }

  private static String stripSlash(String url) {
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }
}
