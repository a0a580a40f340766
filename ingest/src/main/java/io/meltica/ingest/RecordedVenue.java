package io.meltica.ingest;

import com.typesafe.config.Config;
import io.meltica.protocol.Event;
import io.meltica.protocol.IdRegistry;
import java.nio.file.Path;
import org.apache.pekko.NotUsed;
import org.apache.pekko.stream.javadsl.Source;

/**
 * What every venue that replays a recording of a real feed shares (docs/venues.md): lines framed
 * like the replay format, up to {@link #maxLineBytes()} ({@link #MAX_LINE_BYTES} unless a venue
 * needs more), each run through a fresh {@link VenueFeed} (decoder plus books) made by {@link
 * #newFeed}; records filled into envelopes like the replay format's.
 *
 * <p>Concurrency: immutable apart from the shared stats. Each materialization of {@link #inputs()}
 * reads the file afresh with books of its own; {@link #fill} may be called from any thread.
 */
public abstract class RecordedVenue implements Venue<ReplayRecord> {
  /** Binance REST snapshots of 1000 levels are about 40 KiB; room for 5000 levels and then some. */
  static final int MAX_LINE_BYTES = 512 * 1024;

  final ReplayVenue file;
  final IdRegistry ids;
  final VenueSymbols symbols;
  final int levelsPerSide;
  final VenueFeedStats feed;
  private final String venue;

  /**
   * @param venue the name in {@code meltica.venues} and {@code meltica.venue-symbols}
   * @throws IllegalArgumentException if the configuration does not fit {@code ids}
   */
  RecordedVenue(
      String venue,
      Path path,
      Config config,
      IdRegistry ids,
      IngestStats ingest,
      VenueFeedStats feed) {
    if (!ids.hasVenue(venue)) {
      throw new IllegalArgumentException("\"" + venue + "\" is not in meltica.venues");
    }
    this.venue = venue;
    this.file = new ReplayVenue(path, ids, ingest);
    this.ids = ids;
    this.symbols = VenueSymbols.fromConfig(config, venue, ids);
    this.levelsPerSide = config.getInt("meltica.books.levels-per-side");
    this.feed = feed;
  }

  @Override
  public final String name() {
    return venue + ":" + file.fileName();
  }

  public final VenueFeedStats feedStats() {
    return feed;
  }

  /** The longest line read; a longer one is rejected as {@code line_too_long}. */
  int maxLineBytes() {
    return MAX_LINE_BYTES;
  }

  /** A feed of its own for one run through the file. */
  abstract VenueFeed<?> newFeed();

  @Override
  public final Source<ReplayRecord, NotUsed> inputs() {
    return file.lines(maxLineBytes()).statefulMapConcat(() -> newFeed()::onFrame);
  }

  @Override
  public final void fill(ReplayRecord input, Event event) {
    file.fill(input, event);
  }
}
