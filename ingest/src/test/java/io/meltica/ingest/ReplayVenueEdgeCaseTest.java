package io.meltica.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import ch.qos.logback.classic.spi.ILoggingEvent;
import io.meltica.protocol.Event;
import io.meltica.protocol.TraceIds;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.apache.pekko.stream.javadsl.Sink;
import org.junit.jupiter.api.Test;

/** Line limits, line endings, unknown names and unreadable files. */
class ReplayVenueEdgeCaseTest extends ReplayTestSupport {
  @Test
  void shouldAcceptALineOfExactly64KiBAndRejectOneByteLonger() throws IOException {
    Path file =
        file(
            "boundary.jsonl",
            tradeOfLength(65_536)
                + "\n"
                + tradeOfLength(65_537)
                + "\n"
                + tradeOfLength(65_536)
                + "\r\n"
                + tradeOfLength(65_537)
                + "\r\n");

    replay(file, events -> assertThat(events).hasSize(2));
    assertThat(stats.rejected(RejectReason.LINE_TOO_LONG)).isEqualTo(2);
    assertThat(warnings.list)
        .extracting(ILoggingEvent::getFormattedMessage)
        .containsExactly(
            "Rejected line boundary.jsonl:2: line_too_long: line is 65537 bytes, the limit is 65536",
            "Rejected line boundary.jsonl:4: line_too_long: line is 65537 bytes, the limit is 65536");
  }

  @Test
  void shouldReadCrLfLinesBlankLinesAndALastLineWithoutNewline() throws IOException {
    String trade = tradeOfLength(200);
    Path file = file("crlf.jsonl", trade + "\r\n\r\n  \r\n" + trade + "\r\n" + trade);

    replay(
        file,
        events ->
            assertThat(events)
                .extracting(Event::traceId)
                .containsExactly(
                    TraceIds.derive(ReplayVenue.traceSeed("crlf.jsonl"), 1),
                    TraceIds.derive(ReplayVenue.traceSeed("crlf.jsonl"), 4),
                    TraceIds.derive(ReplayVenue.traceSeed("crlf.jsonl"), 5)));
    assertThat(stats.rejectedTotal()).as("blank lines are not rejections").isZero();
  }

  @Test
  void shouldRejectUnknownNamesAndGoOn() throws IOException {
    String trade = tradeOfLength(200);
    Path file =
        file(
            "names.jsonl",
            String.join(
                "\n",
                trade.replace("binance", "Binance"),
                trade.replace("BTC-USDT", "BTCUSDT"),
                trade,
                trade.replace("TRADE", "CONSOLIDATED_QUOTE")));

    replay(file, events -> assertThat(events).hasSize(1));
    assertThat(stats.rejected(RejectReason.UNKNOWN_VENUE)).isEqualTo(1);
    assertThat(stats.rejected(RejectReason.UNKNOWN_INSTRUMENT)).isEqualTo(1);
    assertThat(stats.rejected(RejectReason.UNKNOWN_KIND)).isEqualTo(1);
  }

  @Test
  void shouldFailWithThePathWhenTheFileIsMissing() {
    Path missing = dir.resolve("no-such-file.jsonl");
    assertThat(failureOf(missing))
        .hasMessageContaining(missing.toString())
        .hasMessageEndingWith(": no such file");
  }

  @Test
  void shouldFailWithThePathWhenTheFileIsADirectory() {
    assertThat(failureOf(dir))
        .hasMessageContaining(dir.toString())
        .hasMessageEndingWith(": it is a directory");
  }

  @Test
  void shouldFailWithThePathWhenTheFileIsNotReadable() throws IOException {
    Path secret = file("secret.jsonl", tradeOfLength(200));
    Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("-w-------"));
    assumeThat(Files.isReadable(secret))
        .as("running as root: permissions are not enforced")
        .isFalse();

    assertThat(failureOf(secret))
        .hasMessageContaining(secret.toString())
        .hasMessageEndingWith(": permission denied");
  }

  private IOException failureOf(Path file) {
    CompletableFuture<?> run =
        venue(file).inputs().runWith(Sink.seq(), testKit.system()).toCompletableFuture();
    assertThat(run).failsWithin(Duration.ofSeconds(10));
    try {
      run.get();
      throw new AssertionError("the replay of " + file + " did not fail");
    } catch (ExecutionException e) {
      assertThat(e.getCause()).isInstanceOf(IOException.class);
      return (IOException) e.getCause();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }
}
