package io.meltica.app;

import com.typesafe.config.Config;
import io.meltica.simulation.Scenario;
import java.util.List;

/**
 * The scenario of a run fed by real venues, recorded ({@code replay}) or live ({@code simulate
 * --live}): their events name the configured instruments and venues, so every configured instrument
 * and venue (at most 8, as for synthetic venues) is in the run, and there are no routing flips.
 */
final class RealVenueScenario {
  private RealVenueScenario() {}

  /** {@code base}'s strategies, duration and rate, with the configured names. */
  static Scenario of(Config config, Scenario base) {
    List<String> instruments = config.getStringList("meltica.instruments");
    List<String> venues = config.getStringList("meltica.venues");
    return new Scenario(
        base.duration(),
        base.rate(),
        Math.min(8, venues.size()),
        instruments.size(),
        base.subscribers(),
        base.panicRate(),
        0,
        base.slowSubscribers(),
        base.slowWork(),
        base.seed());
  }
}
