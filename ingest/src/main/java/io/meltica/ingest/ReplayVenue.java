package io.meltica.ingest;

import io.meltica.protocol.Event;
import io.meltica.protocol.IdRegistry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.pekko.NotUsed;
import org.apache.pekko.stream.javadsl.FileIO;
import org.apache.pekko.stream.javadsl.Source;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A venue that replays a JSON Lines file (format: docs/replay-format.md). The file is untrusted:
 * each line is framed ({@link LineFramer}), decoded and validated ({@link JsonLineDecoder}) before
 * anything is acquired; a bad line is logged at WARN, counted in {@link IngestStats} and dropped,
 * and the stream goes on. Only an unreadable file fails the stream, with an {@link IOException}
 * naming the path.
 *
 * <p>Concurrency: immutable apart from the shared {@link IngestStats}. {@link #inputs()} may be
 * materialized more than once (each run reads the file afresh and counts into the same stats);
 * {@link #fill} may be called from any thread.
 */
public final class ReplayVenue implements Venue<ReplayRecord> {
  private static final Logger log = LoggerFactory.getLogger(ReplayVenue.class);

  private final Path path;
  private final String fileName;
  private final JsonLineDecoder decoder;
  private final IngestStats stats;

  /**
   * @param path the replay file; it is opened only when {@link #inputs()} is run
   * @param ids the configured instruments and venues lines may name
   * @param stats counts accepted and rejected lines
   */
  public ReplayVenue(Path path, IdRegistry ids, IngestStats stats) {
    this.path = path;
    this.fileName = path.getFileName() == null ? path.toString() : path.getFileName().toString();
    this.decoder = new JsonLineDecoder(ids, traceSeed(fileName));
    this.stats = stats;
  }

  /**
   * The seed of the trace ids derived for lines without {@code trace_id}: 64-bit FNV-1a of the file
   * name's UTF-8 bytes, so that replaying the same file gives the same trace ids every time.
   */
  public static long traceSeed(String fileName) {
    long hash = 0xcbf29ce484222325L;
    for (byte b : fileName.getBytes(StandardCharsets.UTF_8)) {
      hash = (hash ^ (b & 0xff)) * 0x100000001b3L;
    }
    return hash;
  }

  @Override
  public String name() {
    return "replay:" + fileName;
  }

  public Path path() {
    return path;
  }

  public IngestStats stats() {
    return stats;
  }

  String fileName() {
    return fileName;
  }

  @Override
  public Source<ReplayRecord, NotUsed> inputs() {
    return lines(LineFramer.MAX_LINE_BYTES).mapConcat(this::validated);
  }

  /** The file's lines, framed; reading fails with an {@link IOException} naming the path. */
  Source<LineFramer.Frame, NotUsed> lines(int maxLineBytes) {
    return FileIO.fromPath(path)
        .mapError(Throwable.class, this::unreadable)
        .mapMaterializedValue(io -> NotUsed.getInstance())
        .via(LineFramer.flow(maxLineBytes));
  }

  @Override
  public void fill(ReplayRecord input, Event event) {
    input.writeTo(event);
    event.setIngestTimeNanos(System.nanoTime());
  }

  private List<ReplayRecord> validated(LineFramer.Frame frame) {
    JsonLineDecoder.Result result = decoder.decode(frame);
    if (result instanceof JsonLineDecoder.Accepted accepted) {
      stats.recordAccepted();
      return List.of(accepted.record());
    }
    JsonLineDecoder.Rejected rejected = (JsonLineDecoder.Rejected) result;
    stats.recordRejected(rejected.reason());
    if (log.isWarnEnabled()) {
      log.warn("Rejected line {}", rejected.describe(fileName));
    }
    return List.of();
  }

  /** Pekko's messages vary by cause (a bare path, "requirement failed: ..."): say it plainly. */
  private Throwable unreadable(Throwable cause) {
    String why;
    if (!Files.exists(path)) {
      why = "no such file";
    } else if (Files.isDirectory(path)) {
      why = "it is a directory";
    } else if (!Files.isReadable(path)) {
      why = "permission denied";
    } else {
      why = cause.toString();
    }
    return new IOException("cannot read replay file " + path + ": " + why, cause);
  }
}
