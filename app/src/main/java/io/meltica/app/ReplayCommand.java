package io.meltica.app;

import com.typesafe.config.Config;
import io.meltica.actors.MelticaPipeline;
import io.meltica.ingest.IngestStats;
import io.meltica.ingest.ReplayVenue;
import io.meltica.ingest.Venue;
import io.meltica.simulation.Scenario;
import io.meltica.simulation.Simulation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code meltica replay FILE...}: recorded JSON Lines through the same pipeline. */
@Command(
    name = "replay",
    mixinStandardHelpOptions = true,
    description = {
      "Replays recorded JSON Lines files (docs/replay-format.md) through the pipeline with the"
          + " configured sample strategies and prints the same summary as simulate.",
      "Malformed lines are rejected with file, line and reason, counted, and skipped."
    })
final class ReplayCommand implements Callable<Integer> {

  @ParentCommand MelticaCommand parent;

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
    Scenario base = Scenario.fromConfig(config);
    List<String> instruments = config.getStringList("meltica.instruments");
    List<String> venues = config.getStringList("meltica.venues");
    Scenario scenario =
        new Scenario(
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
    IngestStats ingest = new IngestStats();
    Simulation simulation =
        Simulation.of(scenario).withVenues(p -> replayVenues(p, ingest), ingest::rejectedByLabel);
    return new RunExecutor(run, parent.out, parent.err)
        .withIngest(ingest)
        .execute(config, simulation);
  }

  private List<Venue<?>> replayVenues(MelticaPipeline pipeline, IngestStats ingest) {
    List<Venue<?>> venues = new ArrayList<>();
    for (Path file : files) {
      venues.add(new ReplayVenue(file, pipeline.ids(), ingest));
    }
    return venues;
  }
}
