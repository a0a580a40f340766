package io.meltica.app;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.meltica.simulation.Scenario;
import io.meltica.simulation.Simulation;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code meltica simulate}: the default scenario of application.conf, flags overriding it. */
@Command(
    name = "simulate",
    mixinStandardHelpOptions = true,
    description = {
      "Runs synthetic venues through the pipeline with sample strategies, prints progress once a"
          + " second and a summary at the end.",
      "With --live VENUE the venue's live feed (docs/venues.md) replaces the synthetic venues for"
          + " --duration; the summary shows the feed's gaps, resyncs and disconnects.",
      "Exit code 0 when no envelope or thread leaked and no critical event was lost."
    })
final class SimulateCommand implements Callable<Integer> {
  @ParentCommand MelticaCommand parent;

  @Mixin RunOptions run;

  @Option(
      names = "--duration",
      paramLabel = "TIME",
      converter = DurationConverter.class,
      description = "How long the venues publish, e.g. 10s, 500ms, 2m")
  Duration duration;

  @Option(names = "--rate", paramLabel = "N", description = "Events per second over all venues")
  Integer rate;

  @Option(names = "--venues", paramLabel = "N", description = "Synthetic venues (1 to 8)")
  Integer venues;

  @Option(names = "--instruments", paramLabel = "N", description = "Instruments")
  Integer instruments;

  @Option(names = "--subscribers", paramLabel = "N", description = "Strategies")
  Integer subscribers;

  @Option(
      names = "--panic-rate",
      paramLabel = "P",
      description = "Share of events on which the first strategy throws (0 to 1)")
  Double panicRate;

  @Option(names = "--flips", paramLabel = "N", description = "Routing flips spread over the run")
  Integer flips;

  @Option(
      names = "--slow-subscribers",
      paramLabel = "N",
      description = "Strategies that spend meltica.simulation.slow-work on every event")
  Integer slowSubscribers;

  @Option(names = "--seed", paramLabel = "N", description = "Seed of the synthetic venues")
  Long seed;

  @Mixin LiveOption live;

  @Override
  public Integer call() {
    Config config = run.load();
    RunExecutor executor = new RunExecutor(run, parent.out, parent.err);
    if (live.venues.isEmpty()) {
      return executor.execute(config, Simulation.of(scenario(config)));
    }
    LiveFeeds feeds = LiveFeeds.check(live.venues, config);
    Scenario scenario = RealVenueScenario.of(config, scenario(config));
    Simulation simulation =
        Simulation.of(scenario)
            .withVenues(
                pipeline -> feeds.venues(pipeline, scenario.duration()),
                feeds.ingest()::rejectedByLabel);
    return executor.withIngest(feeds.ingest()).withFeeds(feeds.feeds()).execute(config, simulation);
  }

  private Scenario scenario(Config config) {
    Scenario base = Scenario.fromConfig(config);
    return new Scenario(
        duration != null ? duration : base.duration(),
        rate != null ? rate : base.rate(),
        venues != null ? venues : base.venues(),
        instruments != null ? instruments : base.instruments(),
        subscribers != null ? subscribers : base.subscribers(),
        panicRate != null ? panicRate : base.panicRate(),
        flips != null ? flips : base.flips(),
        slowSubscribers != null ? slowSubscribers : base.slowSubscribers(),
        base.slowWork(),
        seed != null ? seed : base.seed());
  }

  /** Reads durations the way the configuration does: 10s, 500ms, 2 minutes. */
  static final class DurationConverter implements ITypeConverter<Duration> {
    @Override
    public Duration convert(String value) {
      try {
        return ConfigFactory.parseString("d = \"" + value.replace("\"", "") + "\"")
            .getDuration("d");
      } catch (RuntimeException e) {
        throw new IllegalArgumentException("not a duration: '" + value + "' (try 10s or 500ms)");
      }
    }
  }
}
