package io.meltica.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.apache.pekko.http.javadsl.model.ws.BinaryMessage;
import org.apache.pekko.http.javadsl.model.ws.Message;
import org.apache.pekko.http.javadsl.model.ws.TextMessage;
import org.apache.pekko.stream.Materializer;
import org.apache.pekko.stream.javadsl.Source;
import org.apache.pekko.util.ByteString;
import org.junit.jupiter.api.Test;

/** Received messages become inputs within the size bound, whole or in parts, text or binary. */
class TextCollectorTest extends StreamTestSupport {
  private LiveInput collect(int limit, Message message) {
    return assertThat(
            new TextCollector(limit)
                .collect(message, Materializer.matFromSystem(testKit.system()))
                .toCompletableFuture())
        .succeedsWithin(Duration.ofSeconds(10))
        .actual();
  }

  @Test
  void shouldKeepAWholeMessageUpToTheLimitInUtf8Bytes() {
    assertThat(collect(4, TextMessage.create("abcd"))).isEqualTo(new LiveInput.Text("abcd"));
    assertThat(collect(4, TextMessage.create("abcde"))).isEqualTo(new LiveInput.TooLong(5));
    assertThat(collect(3, TextMessage.create("a\u00e9"))).isEqualTo(new LiveInput.Text("a\u00e9"));
    assertThat(collect(2, TextMessage.create("a\u00e9"))).isEqualTo(new LiveInput.TooLong(3));
  }

  @Test
  void shouldJoinAMessageThatArrivesInPartsAndDropItsRestOverTheLimit() {
    assertThat(collect(6, TextMessage.create(Source.from(List.of("ab", "cd", "ef")))))
        .isEqualTo(new LiveInput.Text("abcdef"));
    assertThat(collect(5, TextMessage.create(Source.from(List.of("ab", "cd", "ef", "gh")))))
        .as("read to its end, counted, not kept")
        .isEqualTo(new LiveInput.TooLong(8));
  }

  @Test
  void shouldReadABinaryMessageToItsEndAndReportItsLength() {
    Message binary =
        BinaryMessage.create(
            Source.from(List.of(ByteString.fromString("xyz"), ByteString.fromString("w"))));

    assertThat(collect(100, binary)).isEqualTo(new LiveInput.Binary(4));
  }
}
