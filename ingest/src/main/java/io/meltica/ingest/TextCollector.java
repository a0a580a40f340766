package io.meltica.ingest;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.http.javadsl.model.ws.Message;
import org.apache.pekko.stream.Materializer;
import org.apache.pekko.stream.javadsl.Sink;

/**
 * Turns one received WebSocket message into a {@link LiveInput}, holding at most {@code
 * maxMessageBytes} of it: a message that arrives in parts is read to its end (the connection cannot
 * go on until it is), but what goes beyond the limit is counted and dropped, and the message
 * becomes a {@link LiveInput.TooLong}. A binary message (neither venue sends one) is read to its
 * end and reported as {@link LiveInput.Binary}, so that a surprise costs a logged message, not the
 * connection.
 *
 * <p>Immutable; safe to share. Each call collects on the given materializer.
 */
final class TextCollector {
  private final int maxMessageBytes;

  TextCollector(int maxMessageBytes) {
    this.maxMessageBytes = maxMessageBytes;
  }

  CompletionStage<LiveInput> collect(Message message, Materializer materializer) {
    if (message.isText()) {
      var text = message.asTextMessage();
      if (text.isStrict()) {
        return CompletableFuture.completedFuture(bounded(text.getStrictText()));
      }
      return text.getStreamedText()
          .runWith(Sink.fold(new Parts(maxMessageBytes), Parts::add), materializer)
          .thenApply(Parts::result);
    }
    return message
        .asBinaryMessage()
        .getStreamedData()
        .runWith(Sink.fold(0L, (length, bytes) -> length + bytes.size()), materializer)
        .thenApply(LiveInput.Binary::new);
  }

  private LiveInput bounded(String text) {
    long length = utf8Length(text);
    return length > maxMessageBytes ? new LiveInput.TooLong(length) : new LiveInput.Text(text);
  }

  private static long utf8Length(String text) {
    // Most messages are ASCII: as many bytes as chars, no encoding needed to know it.
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) >= 0x80) {
        return text.getBytes(StandardCharsets.UTF_8).length;
      }
    }
    return text.length();
  }

  /** The parts of one streamed message, kept while they fit. Used by one fold at a time. */
  private static final class Parts {
    private final int limit;
    private final StringBuilder kept = new StringBuilder();
    private long length;

    Parts(int limit) {
      this.limit = limit;
    }

    Parts add(String part) {
      length += utf8Length(part);
      if (length <= limit) {
        kept.append(part);
      } else {
        kept.setLength(0); // over the limit: stop holding it, keep counting
      }
      return this;
    }

    LiveInput result() {
      return length > limit ? new LiveInput.TooLong(length) : new LiveInput.Text(kept.toString());
    }
  }
}
