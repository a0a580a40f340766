package io.meltica.ingest;

import com.typesafe.config.Config;
import io.meltica.protocol.IdRegistry;
import java.nio.file.Path;

/**
 * A venue that replays a recording of Coinbase Exchange's public WebSocket market data
 * (docs/venues.md): one message of the {@code matches}, {@code ticker}, {@code heartbeat} or {@code
 * level2} channel per line, as received, decoded by {@link CoinbaseDecoder} and fed to one local
 * {@link CoinbaseBook} per product; a bad line is logged at WARN, counted in {@link IngestStats}
 * and {@link VenueFeedStats}, and dropped.
 *
 * <p>Concurrency: as {@link RecordedVenue}.
 */
public final class CoinbaseVenue extends RecordedVenue {
  /** The venue name in {@code meltica.venues} and {@code meltica.venue-symbols}. */
  public static final String VENUE = "coinbase";

  /** A full level2 snapshot of a busy product is a few hundred KiB; room for the deepest. */
  static final int MAX_LINE_BYTES = 4 * 1024 * 1024;

  private final CoinbaseDecoder decoder;

  /**
   * @param path the recording; opened only when {@link #inputs()} is run
   * @param config for {@code meltica.venue-symbols.coinbase} and {@code meltica.books}
   * @param ids the configured instruments and venues; {@code coinbase} must be one of them
   * @param ingest counts accepted and rejected lines
   * @param feed counts messages, gaps, resyncs and decode rejects
   * @throws IllegalArgumentException if the configuration does not fit {@code ids}
   */
  public CoinbaseVenue(
      Path path, Config config, IdRegistry ids, IngestStats ingest, VenueFeedStats feed) {
    super(VENUE, path, config, ids, ingest, feed);
    this.decoder = new CoinbaseDecoder(symbols);
  }

  @Override
  int maxLineBytes() {
    return MAX_LINE_BYTES;
  }

  @Override
  CoinbaseFeed newFeed() {
    return new CoinbaseFeed(file.fileName(), decoder, ids, levelsPerSide, file.stats(), feed);
  }
}
