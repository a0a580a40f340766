package io.meltica.ingest;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.typesafe.config.Config;
import io.meltica.protocol.IdRegistry;
import java.util.List;
import java.util.Optional;

/**
 * OKX v5's public live feed (docs/venues.md, "Live feeds"): one connection subscribed to the {@code
 * books} and {@code trades} channels of each configured {@code instId}. OKX sends a book snapshot
 * on every subscription, so a stale book is resynced by unsubscribing and subscribing its {@code
 * books} channel again. OKX closes a connection that is quiet for 30 s: the text {@code ping} goes
 * out after {@code ping-interval} without sending, and its {@code pong} is skipped.
 *
 * <p>Immutable and thread-safe.
 */
final class OkxLiveProtocol extends SubscribedLiveProtocol {
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  private final KeepAlive keepAlive;
  private final OkxDecoder decoder;

  /**
   * Reads {@code meltica.live.okx} and {@code meltica.books}.
   *
   * @throws IllegalArgumentException if an {@code instId} is not mapped in {@code
   *     meltica.venue-symbols.okx} or the mapping does not fit {@code ids}
   */
  OkxLiveProtocol(Config config, IdRegistry ids) {
    super(OkxVenue.VENUE, config, ids);
    String path = "meltica.live." + OkxVenue.VENUE;
    this.keepAlive = new KeepAlive("ping", config.getDuration(path + ".ping-interval"));
    this.decoder = new OkxDecoder(mapping());
  }

  /**
   * {@code {"op":"subscribe","args":[{"channel":"books","instId":...},{"channel":"trades",...}]}}.
   */
  @Override
  public List<String> subscribeMessages() {
    ArrayNode args = JSON.arrayNode();
    for (String symbol : symbols()) {
      args.add(channel("books", symbol)).add(channel("trades", symbol));
    }
    return List.of(operation("subscribe", args));
  }

  /** {@code pong}, and {@code {"event":...}}: acknowledgements, notices, errors. */
  @Override
  public Chatter classify(String text) {
    if (text.equals("pong")) {
      return Chatter.CONTROL;
    }
    if (text.startsWith("{\"event\":\"error\"")) {
      return Chatter.ERROR;
    }
    return text.startsWith("{\"event\"") ? Chatter.CONTROL : Chatter.DATA;
  }

  @Override
  public Optional<KeepAlive> keepAlive() {
    return Optional.of(keepAlive);
  }

  @Override
  public Optional<String> snapshotUri(String symbol) {
    return Optional.empty();
  }

  @Override
  public String snapshotLine(String symbol, String body) {
    throw new UnsupportedOperationException("OKX sends its snapshots on the socket");
  }

  /** Unsubscribe and subscribe {@code books}: OKX answers the subscription with a snapshot. */
  @Override
  public List<String> resubscribeMessages(String symbol) {
    ArrayNode books = JSON.arrayNode().add(channel("books", symbol));
    return List.of(operation("unsubscribe", books), operation("subscribe", books));
  }

  @Override
  public VenueFeed<?> newFeed(
      String name, IdRegistry ids, IngestStats ingest, VenueFeedStats stats) {
    return new OkxFeed(name, decoder, ids, levelsPerSide, ingest, stats);
  }

  private static ObjectNode channel(String channel, String instId) {
    return JSON.objectNode().put("channel", channel).put("instId", instId);
  }

  private static String operation(String op, ArrayNode args) {
    ObjectNode operation = JSON.objectNode().put("op", op);
    operation.set("args", args);
    return operation.toString();
  }
}
