package io.meltica.ingest;

import com.typesafe.config.Config;
import io.meltica.protocol.IdRegistry;
import java.nio.file.Path;

/**
 * A venue that replays a recording of OKX v5 public market data (docs/venues.md): one raw WebSocket
 * push of the {@code trades} or {@code books} channel per line, decoded by {@link OkxDecoder} and
 * fed to one local {@link OkxBook} per instrument; a bad line is logged at WARN, counted in {@link
 * IngestStats} and {@link VenueFeedStats}, and dropped.
 *
 * <p>Concurrency: as {@link RecordedVenue}.
 */
public final class OkxVenue extends RecordedVenue {
  /** The venue name in {@code meltica.venues} and {@code meltica.venue-symbols}. */
  public static final String VENUE = "okx";

  private final OkxDecoder decoder;

  /**
   * @param path the recording; opened only when {@link #inputs()} is run
   * @param config for {@code meltica.venue-symbols.okx} and {@code meltica.books}
   * @param ids the configured instruments and venues; {@code okx} must be one of them
   * @param ingest counts accepted and rejected lines
   * @param feed counts messages, gaps, checksum failures, resyncs and decode rejects
   * @throws IllegalArgumentException if the configuration does not fit {@code ids}
   */
  public OkxVenue(
      Path path, Config config, IdRegistry ids, IngestStats ingest, VenueFeedStats feed) {
    super(VENUE, path, config, ids, ingest, feed);
    this.decoder = new OkxDecoder(symbols);
  }

  @Override
  OkxFeed newFeed() {
    return new OkxFeed(file.fileName(), decoder, ids, levelsPerSide, file.stats(), feed);
  }
}
