package io.meltica.ingest;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Set;
import org.apache.pekko.NotUsed;
import org.apache.pekko.stream.javadsl.FileIO;
import org.apache.pekko.stream.javadsl.Flow;
import org.apache.pekko.stream.javadsl.Sink;
import org.apache.pekko.util.ByteString;

/**
 * Writes what a live venue receives as a recording that {@code meltica replay --format <venue>}
 * reads back (docs/venues.md, "Recording"): one market-data message per line, as received, REST
 * snapshots in their wrapper, in arrival order; the venue's chatter (acknowledgements, pongs) is
 * left out, so the replay rejects nothing the live run did not. A file per run of the venue, {@code
 * <dir>/<venue>-live-<yyyyMMdd-HHmmss>.jsonl}.
 *
 * <p>The file is written by Pekko's {@code FileIO} on its own dispatcher, with backpressure: a disk
 * slower than the feed slows the feed rather than filling memory.
 *
 * <p>Immutable; each {@link #sink()} materializes a file of its own.
 */
final class LiveRecorder {
  private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

  private final Path dir;
  private final LiveProtocol protocol;

  LiveRecorder(Path dir, LiveProtocol protocol) {
    this.dir = dir;
    this.protocol = protocol;
  }

  /** The file a run started now writes. */
  Path file() {
    return dir.resolve(protocol.venue() + "-live-" + LocalDateTime.now().format(STAMP) + ".jsonl");
  }

  /** Where the inputs of one run go, besides the feed. */
  Sink<LiveInput, NotUsed> sink() {
    return Flow.<LiveInput>create()
        .filter(
            input ->
                input instanceof LiveInput.Text text
                    && protocol.classify(text.text()) == LiveProtocol.Chatter.DATA)
        .map(
            input ->
                ByteString.fromString(
                    ((LiveInput.Text) input).text() + "\n", StandardCharsets.UTF_8))
        .to(
            FileIO.toPath(
                file(),
                Set.of(
                    StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE,
                    StandardOpenOption.APPEND)));
  }
}
