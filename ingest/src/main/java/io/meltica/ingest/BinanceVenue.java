package io.meltica.ingest;

import com.typesafe.config.Config;
import io.meltica.protocol.Event;
import io.meltica.protocol.IdRegistry;
import java.nio.file.Path;
import org.apache.pekko.NotUsed;
import org.apache.pekko.stream.javadsl.Source;

/**
 * A venue that replays a recording of Binance spot market data (docs/venues.md): one raw WebSocket
 * message, or a named REST depth snapshot, per line. Lines are framed like the replay format,
 * decoded by {@link BinanceDecoder} and fed to one local book per instrument; a bad line is logged
 * at WARN, counted in {@link IngestStats} and {@link VenueFeedStats}, and dropped.
 *
 * <p>Concurrency: immutable apart from the shared stats. Each materialization of {@link #inputs()}
 * reads the file afresh with books of its own; {@link #fill} may be called from any thread.
 */
public final class BinanceVenue implements Venue<ReplayRecord> {
  /** The venue name in {@code meltica.venues} and {@code meltica.venue-symbols}. */
  public static final String VENUE = "binance";

  /** REST depth snapshots of 1000 levels are about 40 KiB; room for 5000 levels and then some. */
  static final int MAX_LINE_BYTES = 512 * 1024;

  private final ReplayVenue file;
  private final IdRegistry ids;
  private final BinanceDecoder decoder;
  private final int levelsPerSide;
  private final int bufferedUpdates;
  private final VenueFeedStats feed;

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
    if (!ids.hasVenue(VENUE)) {
      throw new IllegalArgumentException("\"" + VENUE + "\" is not in meltica.venues");
    }
    this.file = new ReplayVenue(path, ids, ingest);
    this.ids = ids;
    this.decoder = new BinanceDecoder(VenueSymbols.fromConfig(config, VENUE, ids));
    this.levelsPerSide = config.getInt("meltica.books.levels-per-side");
    this.bufferedUpdates = config.getInt("meltica.books.buffered-updates");
    this.feed = feed;
  }

  @Override
  public String name() {
    return "binance:" + file.fileName();
  }

  public VenueFeedStats feedStats() {
    return feed;
  }

  @Override
  public Source<ReplayRecord, NotUsed> inputs() {
    return file.lines(MAX_LINE_BYTES)
        .statefulMapConcat(
            () ->
                new BinanceFeed(
                        file.fileName(),
                        decoder,
                        ids,
                        levelsPerSide,
                        bufferedUpdates,
                        file.stats(),
                        feed)
                    ::onFrame);
  }

  @Override
  public void fill(ReplayRecord input, Event event) {
    file.fill(input, event);
  }
}
