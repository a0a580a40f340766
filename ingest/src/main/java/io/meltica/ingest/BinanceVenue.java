package io.meltica.ingest;

import com.typesafe.config.Config;
import io.meltica.protocol.IdRegistry;
import java.nio.file.Path;

/**
 * A venue that replays a recording of Binance spot market data (docs/venues.md): one raw WebSocket
 * message, or a named REST depth snapshot, per line, decoded by {@link BinanceDecoder} and fed to
 * one local {@link BinanceBook} per instrument; a bad line is logged at WARN, counted in {@link
 * IngestStats} and {@link VenueFeedStats}, and dropped.
 *
 * <p>Concurrency: as {@link RecordedVenue}.
 */
public final class BinanceVenue extends RecordedVenue {
  /** The venue name in {@code meltica.venues} and {@code meltica.venue-symbols}. */
  public static final String VENUE = "binance";

  private final BinanceDecoder decoder;
  private final int bufferedUpdates;

  /**
   * @param path the recording; opened only when {@link #inputs()} is run
   * @param config for {@code meltica.venue-symbols.binance} and {@code meltica.books}
   * @param ids the configured instruments and venues; {@code binance} must be one of them
   * @param ingest counts accepted and rejected lines
   * @param feed counts messages, gaps, resyncs and decode rejects
   * @throws IllegalArgumentException if the configuration does not fit {@code ids}
   */
  public BinanceVenue(
      Path path, Config config, IdRegistry ids, IngestStats ingest, VenueFeedStats feed) {
    super(VENUE, path, config, ids, ingest, feed);
    this.decoder = new BinanceDecoder(symbols);
    this.bufferedUpdates = config.getInt("meltica.books.buffered-updates");
  }

  @Override
  BinanceFeed newFeed() {
    return new BinanceFeed(
        file.fileName(), decoder, ids, levelsPerSide, bufferedUpdates, file.stats(), feed);
  }
}
