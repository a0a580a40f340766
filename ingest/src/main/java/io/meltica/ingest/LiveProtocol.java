package io.meltica.ingest;

import io.meltica.protocol.IdRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * What one venue's live WebSocket feed needs beyond the socket itself (docs/venues.md, "Live
 * feeds"): where to connect, what to send to subscribe, which messages are the venue's own chatter
 * rather than market data, how to keep the connection alive, and how a book that went stale gets a
 * fresh snapshot. Adding a venue is one implementation of this interface (on {@link
 * SubscribedLiveProtocol}) plus its {@link VenueFeed}, and a line in {@link LiveVenue}.
 *
 * <p>Concurrency: implementations are immutable and thread-safe.
 */
interface LiveProtocol {
  /** The venue's name, as in {@code meltica.venues} and {@code meltica.venue-symbols}. */
  String venue();

  /** The WebSocket URL, {@code ws://} or {@code wss://}. */
  String url();

  /** The venue symbols subscribed, each mapped in {@code meltica.venue-symbols.<venue>}. */
  List<String> symbols();

  /** The venue's symbol mapping, {@code meltica.venue-symbols.<venue>}. */
  VenueSymbols mapping();

  /** The text messages sent right after connecting, in order. */
  List<String> subscribeMessages();

  /** Whether a received text is the venue's chatter, and if so whether it reports a problem. */
  Chatter classify(String text);

  /** What a received text is. */
  enum Chatter {
    /** Market data: goes to the decoder. */
    DATA,
    /** An acknowledgement or heartbeat answer: skipped. */
    CONTROL,
    /** The venue refused something: skipped and logged at WARN. */
    ERROR
  }

  /** A text sent whenever nothing was sent for the interval, if the venue wants one. */
  Optional<KeepAlive> keepAlive();

  /** The application-level heartbeat: {@code text} after {@code interval} without sending. */
  record KeepAlive(String text, Duration interval) {}

  /**
   * The REST request for a snapshot of {@code symbol}'s book, for a venue that serves snapshots
   * only over REST (fetched for every symbol once a connection's stream has started, and for a book
   * that went stale); empty when the venue sends snapshots on the socket.
   */
  Optional<String> snapshotUri(String symbol);

  /** The line the feed reads for a REST snapshot body, as a recording holds it. */
  String snapshotLine(String symbol, String body);

  /**
   * The messages that make the venue send a fresh snapshot of {@code symbol}'s book on the socket
   * (for a book that went stale); empty for a venue with REST snapshots.
   */
  List<String> resubscribeMessages(String symbol);

  /** A new feed (decoder plus books) that lives across the venue's connections. */
  VenueFeed<?> newFeed(String name, IdRegistry ids, IngestStats ingest, VenueFeedStats stats);
}
