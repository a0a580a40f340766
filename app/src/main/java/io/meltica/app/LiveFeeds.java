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
 * The live venues of one run ({@code --live VENUE}, docs/venues.md "Live feeds"): checked against
 * the configuration before anything starts, made once the run's pipeline exists, and each stopped
 * after the run's duration (a live feed never ends on its own).
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
    venues.forEach(venue -> feeds.add(new VenueFeedStats(venue)));
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

  /** The venues for {@code pipeline}, each ending after {@code duration}. */
  List<Venue<?>> venues(MelticaPipeline pipeline, Duration duration) {
    List<Venue<?>> made = new ArrayList<>();
    for (int i = 0; i < venues.size(); i++) {
      LiveVenue live =
          LiveVenue.fromConfig(venues.get(i), config, pipeline.ids(), ingest, feeds.get(i));
      made.add(new TimeBoxedVenue<>(live, duration));
    }
    return made;
  }
}
