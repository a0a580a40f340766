package io.meltica.ingest;

import io.meltica.protocol.EventKind;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.pekko.stream.BoundedSourceQueue;
import org.apache.pekko.stream.QueueOfferResult;
import org.apache.pekko.util.ByteString;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One run of a live venue, across all its connections: numbers every message received (the "line
 * number" of its trace id, monotonic across connections), skips the venue's chatter, feeds the rest
 * to the one {@link VenueFeed} whose books outlive the connections, tells the feed when a
 * connection ended, and asks the current connection for a fresh snapshot of a book that went stale
 * (a REST fetch or a resubscription, as the {@link LiveProtocol} says).
 *
 * <p>Concurrency: {@link #onInput} is called by the one stream stage after the reconnecting source,
 * one input at a time; {@link #connected} by that source's factory on its own stage. The
 * connection's queues are handed over through a volatile field, and offering to them is
 * thread-safe.
 */
final class LiveSession {
  private static final Logger log = LoggerFactory.getLogger(LiveVenue.class);

  /** The channels of the connection now open, for asking it for snapshots. */
  record Connection(
      BoundedSourceQueue<String> outgoing, BoundedSourceQueue<String> snapshotRequests) {}

  private final LiveProtocol protocol;
  private final VenueFeed<?> feed;
  private final String name;
  private final int maxMessageBytes;
  private final Map<Integer, String> symbolOfInstrument = new HashMap<>();
  private long lineNumber;
  private volatile Connection current;

  LiveSession(LiveProtocol protocol, VenueFeed<?> feed, String name, int maxMessageBytes) {
    this.protocol = protocol;
    this.feed = feed;
    this.name = name;
    this.maxMessageBytes = maxMessageBytes;
    for (String symbol : protocol.symbols()) {
      symbolOfInstrument.put(protocol.mapping().instrumentId(symbol), symbol);
    }
  }

  VenueFeed<?> feed() {
    return feed;
  }

  /** A new connection is open; snapshots are asked of it from now on. */
  void connected(Connection connection) {
    current = connection;
  }

  /** The records one input makes, in order. */
  List<ReplayRecord> onInput(LiveInput input) {
    if (input instanceof LiveInput.ConnectionEnded) {
      current = null;
      return feed.connectionLost(lineNumber);
    }
    lineNumber++;
    if (input instanceof LiveInput.TooLong tooLong) {
      return feed.onFrame(new LineFramer.TooLong(lineNumber, tooLong.length(), maxMessageBytes));
    }
    if (input instanceof LiveInput.Binary binary) {
      log.warn("{}:{}: binary message of {} bytes skipped", name, lineNumber, binary.length());
      return List.of();
    }
    String text = ((LiveInput.Text) input).text();
    switch (protocol.classify(text)) {
      case CONTROL:
        return List.of();
      case ERROR:
        log.warn("{}:{}: the venue reports an error: {}", name, lineNumber, abbreviated(text));
        return List.of();
      default:
        List<ReplayRecord> records =
            feed.onFrame(new LineFramer.Line(lineNumber, ByteString.fromString(text)));
        askForSnapshotsOfStaleBooks(records);
        return records;
    }
  }

  /** A gap or checksum failure made a book stale: only a new snapshot brings it back. */
  private void askForSnapshotsOfStaleBooks(List<ReplayRecord> records) {
    for (ReplayRecord record : records) {
      if (isStaleMark(record)) {
        askForSnapshot(record.instrumentId());
      }
    }
  }

  private static boolean isStaleMark(ReplayRecord record) {
    return record.kind() == EventKind.BOOK_SNAPSHOT
        && record.bidPrice() == 0
        && record.bidSize() == 0
        && record.askPrice() == 0
        && record.askSize() == 0;
  }

  private void askForSnapshot(int instrumentId) {
    Connection connection = current;
    String symbol = symbolOfInstrument.get(instrumentId);
    if (connection == null || symbol == null) {
      return; // between connections the next one fetches every snapshot anyway
    }
    boolean asked;
    if (protocol.snapshotUri(symbol).isPresent()) {
      asked = offered(connection.snapshotRequests(), symbol);
    } else {
      asked = true;
      for (String message : protocol.resubscribeMessages(symbol)) {
        asked &= offered(connection.outgoing(), message);
      }
    }
    if (asked) {
      log.info("{}: asked for a new snapshot of {}", name, symbol);
    } else {
      log.warn(
          "{}: could not ask for a new snapshot of {}: too many requests pending", name, symbol);
    }
  }

  private static boolean offered(BoundedSourceQueue<String> queue, String element) {
    return queue.offer(element) == QueueOfferResult.enqueued();
  }

  private static String abbreviated(String text) {
    return text.length() <= 500 ? text : text.substring(0, 500) + "...";
  }
}
