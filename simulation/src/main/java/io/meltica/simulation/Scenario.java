package io.meltica.simulation;

import com.typesafe.config.Config;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A simulation scenario: how many venues publish how fast for how long, how many strategies listen,
 * how badly they behave, and how often routing flips. Read from {@code meltica.simulation} (see
 * application.conf), overridable field by field.
 *
 * @param rate events per second over all venues together
 * @param panicRate share of events on which the first strategy throws (0 for none)
 * @param flips routing flips, spread evenly over the run
 * @param slowSubscribers strategies that spend {@code slowWork} on each event
 * @param seed makes the venues' event sequences repeatable
 */
public record Scenario(
    Duration duration,
    int rate,
    int venues,
    int instruments,
    int subscribers,
    double panicRate,
    int flips,
    int slowSubscribers,
    Duration slowWork,
    long seed) {

  public Scenario {
    require(!duration.isNegative() && !duration.isZero(), "duration", duration);
    require(rate >= 1, "rate", rate);
    require(venues >= 1 && venues <= 8, "venues (1 to 8)", venues);
    require(instruments >= 1, "instruments", instruments);
    require(subscribers >= 0, "subscribers", subscribers);
    require(panicRate >= 0 && panicRate <= 1, "panic-rate (0 to 1)", panicRate);
    require(flips >= 0, "flips", flips);
    require(
        slowSubscribers >= 0 && slowSubscribers <= subscribers,
        "slow-subscribers (0 to subscribers)",
        slowSubscribers);
  }

  private static void require(boolean valid, String what, Object value) {
    if (!valid) {
      throw new IllegalArgumentException("invalid scenario " + what + ": " + value);
    }
  }

  /** Reads {@code meltica.simulation}. */
  public static Scenario fromConfig(Config config) {
    Config c = config.getConfig("meltica.simulation");
    return new Scenario(
        c.getDuration("duration"),
        c.getInt("rate"),
        c.getInt("venues"),
        c.getInt("instruments"),
        c.getInt("subscribers"),
        c.getDouble("panic-rate"),
        c.getInt("flips"),
        c.getInt("slow-subscribers"),
        c.getDuration("slow-work"),
        c.getLong("seed"));
  }

  /** The first {@code instruments} of {@code known}, then generated symbols. */
  public List<String> instrumentSymbols(List<String> known) {
    return names(known, instruments, n -> "SYM" + n + "-USDT");
  }

  /** The first {@code venues} of {@code known}, then generated names. */
  public List<String> venueNames(List<String> known) {
    return names(known, venues, n -> "venue-" + n);
  }

  private static List<String> names(
      List<String> known, int count, java.util.function.IntFunction<String> generated) {
    List<String> names = new ArrayList<>(known.subList(0, Math.min(count, known.size())));
    for (int n = names.size() + 1; names.size() < count; n++) {
      names.add(generated.apply(n));
    }
    return names;
  }
}
