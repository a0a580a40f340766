package io.meltica.app;

import com.typesafe.config.Config;
import io.meltica.actors.MelticaPipeline;
import io.meltica.ingest.IngestStats;
import io.meltica.ingest.LiveVenue;
import io.meltica.ingest.TimeBoxedVenue;
import io.meltica.ingest.Venue;
import io.meltica.ingest.VenueFeedStats;
import io.meltica.protocol.IdRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;

/**
 * The live venues of one run or node ({@code --live VENUE}, docs/venues.md "Live feeds"): checked
 * against the configuration before anything starts, made once the pipeline exists.
 *
 * <p>Not thread-safe: made and used by the command's thread; the stats it hands out are.
 */
final class LiveFeeds {
  private final List<String> venues;
  private final Config config;
  private final IngestStats ingest = new IngestStats();
  private final List<VenueFeedStats> feeds = new ArrayList<>();

  private LiveFeeds(List<String> venues, Config config) {
    this.venues = List.copyOf(venues);
    this.config = config;
    venues.forEach(venue -> feeds.add(VenueFeedStats.live(venue)));
  }

  /**
   * @throws IllegalArgumentException naming the venue or configuration key that is wrong, or a
   *     venue given twice
   */
  static LiveFeeds check(List<String> venues, Config config) {
    IdRegistry ids =
        IdRegistry.of(
            config.getStringList("meltica.instruments"), config.getStringList("meltica.venues"));
    for (String venue : new HashSet<>(venues)) {
      LiveVenue.check(venue, config, ids);
    }
    if (new HashSet<>(venues).size() != venues.size()) {
      throw new IllegalArgumentException("--live names a venue more than once: " + venues);
    }
    return new LiveFeeds(venues, config);
  }

  IngestStats ingest() {
    return ingest;
  }

  List<VenueFeedStats> feeds() {
    return feeds;
  }

  /** The venues for {@code pipeline}; they run until the data bus stops them. */
  List<Venue<?>> venues(MelticaPipeline pipeline) {
    List<Venue<?>> made = new ArrayList<>();
    for (int i = 0; i < venues.size(); i++) {
      made.add(LiveVenue.fromConfig(venues.get(i), config, pipeline.ids(), ingest, feeds.get(i)));
    }
    return made;
  }

  /** The venues for {@code pipeline}, each ending after {@code duration} (a run's length). */
  List<Venue<?>> venues(MelticaPipeline pipeline, Duration duration) {
    return venues(pipeline).stream().<Venue<?>>map(venue -> timeBoxed(venue, duration)).toList();
  }

  private static <I> Venue<I> timeBoxed(Venue<I> venue, Duration duration) {
    return new TimeBoxedVenue<>(venue, duration);
  }

  /** Exports the feeds' counters with the pipeline's. */
  void registerIn(io.meltica.protocol.counters.Counters counters) {
    ingest.registerIn(counters);
    feeds.forEach(feed -> feed.registerIn(counters));
  }
}
