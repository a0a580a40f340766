package io.meltica.app;

import com.typesafe.config.Config;
import io.meltica.actors.MelticaPipeline;
import io.meltica.ingest.BinanceVenue;
import io.meltica.ingest.CoinbaseVenue;
import io.meltica.ingest.IngestStats;
import io.meltica.ingest.OkxVenue;
import io.meltica.ingest.ReplayVenue;
import io.meltica.ingest.Venue;
import io.meltica.ingest.VenueFeedStats;
import io.meltica.simulation.Scenario;
import io.meltica.simulation.Simulation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code meltica replay [--format meltica|binance|okx|coinbase] FILE...}: recorded JSON Lines
 * through the same pipeline, in Meltica's replay format (docs/replay-format.md) or as recorded from
 * a venue's feed (docs/venues.md).
 */
@Command(
    name = "replay",
    mixinStandardHelpOptions = true,
    description = {
      "Replays recorded JSON Lines files (docs/replay-format.md) through the pipeline with the"
          + " configured sample strategies and prints the same summary as simulate.",
      "With --format binance the files are Binance spot recordings (docs/venues.md): books are"
          + " kept at ingest and the summary shows the sequence gaps and resyncs found.",
      "With --format okx the files are OKX v5 trades/books recordings (docs/venues.md), checked"
          + " by seqId and checksum.",
      "With --format coinbase the files are Coinbase Exchange WebSocket recordings (docs/venues.md):"
          + " matches, ticker, heartbeat and level2, lost matches found by trade_id.",
      "Malformed lines are rejected with file, line and reason, counted, and skipped."
    })
final class ReplayCommand implements Callable<Integer> {

  /** The formats a replay file may be in. */
  enum Format {
    meltica,
    binance,
    okx,
    coinbase
  }

  @ParentCommand MelticaCommand parent;

  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      defaultValue = "meltica",
      description = "Format of the files: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE})")
  Format format;

  @Mixin RunOptions run;

  @Parameters(arity = "1..*", paramLabel = "FILE", description = "Replay files, read in parallel")
  List<Path> files;

  @Override
  public Integer call() {
    for (Path file : files) {
      if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
        parent.err.println("meltica: cannot read replay file " + file);
        return ExitCode.UNREADABLE_INPUT;
      }
    }
    Config config = run.load();
    Scenario scenario = RealVenueScenario.of(config, Scenario.fromConfig(config));
    IngestStats ingest = new IngestStats();
    VenueFeedStats feed =
        switch (format) {
          case meltica -> null;
          case binance -> new VenueFeedStats(BinanceVenue.VENUE);
          case okx -> new VenueFeedStats(OkxVenue.VENUE);
          case coinbase -> new VenueFeedStats(CoinbaseVenue.VENUE);
        };
    Simulation simulation =
        Simulation.of(scenario)
            .withVenues(p -> replayVenues(p, config, ingest, feed), ingest::rejectedByLabel);
    RunExecutor executor = new RunExecutor(run, parent.out, parent.err).withIngest(ingest);
    if (feed != null) {
      executor.withFeed(feed);
    }
    return executor.execute(config, simulation);
  }

  private List<Venue<?>> replayVenues(
      MelticaPipeline pipeline, Config config, IngestStats ingest, VenueFeedStats feed) {
    List<Venue<?>> venues = new ArrayList<>();
    for (Path file : files) {
      venues.add(
          switch (format) {
            case meltica -> new ReplayVenue(file, pipeline.ids(), ingest);
            case binance -> new BinanceVenue(file, config, pipeline.ids(), ingest, feed);
            case okx -> new OkxVenue(file, config, pipeline.ids(), ingest, feed);
            case coinbase -> new CoinbaseVenue(file, config, pipeline.ids(), ingest, feed);
          });
    }
    return venues;
  }
}
