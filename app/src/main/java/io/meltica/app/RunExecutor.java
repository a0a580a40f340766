package io.meltica.app;

import com.typesafe.config.Config;
import io.meltica.app.metrics.KamonExporter;
import io.meltica.app.report.HtmlReportWriter;
import io.meltica.app.report.JsonReportWriter;
import io.meltica.app.report.SummaryTable;
import io.meltica.ingest.IngestStats;
import io.meltica.ingest.VenueFeedStats;
import io.meltica.leakcheck.ThreadLeaks;
import io.meltica.simulation.Simulation;
import io.meltica.simulation.SimulationReport;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * Runs one simulation or replay the way the command line does: logging and metrics set up first, an
 * ActorSystem of its own, progress lines while it runs, then the system stopped, the threads
 * counted, the summary printed and the reports written.
 */
final class RunExecutor {
  private static final Duration THREAD_GRACE = Duration.ofSeconds(5);

  private final RunOptions options;
  private final PrintWriter out;
  private final PrintWriter err;
  private IngestStats ingest;
  private final List<VenueFeedStats> feeds = new ArrayList<>();

  RunExecutor(RunOptions options, PrintWriter out, PrintWriter err) {
    this.options = options;
    this.out = out;
    this.err = err;
  }

  /** Also exports the rejected-input counters of a replay. */
  RunExecutor withIngest(IngestStats stats) {
    this.ingest = stats;
    return this;
  }

  /**
   * Also exports a venue feed's counters, prints its line under the summary and adds it to the
   * reports; once per venue feed of the run.
   */
  RunExecutor withFeed(VenueFeedStats stats) {
    feeds.add(stats);
    return this;
  }

  /** {@link #withFeed} for each of {@code stats}. */
  RunExecutor withFeeds(List<VenueFeedStats> stats) {
    feeds.addAll(stats);
    return this;
  }

  int execute(Config config, Simulation simulation) {
    LogSetup.apply(options.logFormat(config));
    int port = options.metricsPort(config);
    ThreadLeaks threads = new ThreadLeaks();
    KamonExporter kamon = port > 0 ? KamonExporter.start(config, port) : null;
    if (kamon != null) {
      out.println("metrics: http://127.0.0.1:" + port + "/metrics");
    }
    ActorSystem<Void> system = ActorSystem.create(Behaviors.empty(), "meltica", config);
    SimulationReport report;
    try {
      report =
          simulation
              .onProgress(progress -> out.println(progress.line()))
              .onPipelineStarted(pipeline -> bind(kamon, pipeline))
              .run(system)
              .toCompletableFuture()
              .get(timeoutOf(config), TimeUnit.MILLISECONDS);
      stop(system, kamon);
      java.util.Set<Thread> leaked = threads.leftBehind(THREAD_GRACE);
      leaked.forEach(thread -> err.println("meltica: thread left behind: " + thread.getName()));
      report = report.withThreadsLeaked(leaked.size());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      stop(system, kamon);
      err.println("meltica: interrupted");
      return ExitCode.FAILED;
    } catch (ExecutionException | TimeoutException e) {
      stop(system, kamon);
      Throwable cause = e.getCause() != null ? e.getCause() : e;
      err.println("meltica: the run failed: " + cause.getMessage());
      return ExitCode.FAILED;
    }
    out.print(new SummaryTable().render(report));
    feeds.forEach(feed -> out.println(feed.summaryLine()));
    out.flush();
    writeReports(report);
    String problem = report.problem();
    if (problem != null) {
      err.println("meltica: " + problem);
      return ExitCode.PROBLEM;
    }
    return ExitCode.CLEAN;
  }

  private void bind(KamonExporter kamon, io.meltica.actors.MelticaPipeline pipeline) {
    if (ingest != null) {
      ingest.registerIn(pipeline.metrics().counters());
    }
    feeds.forEach(feed -> feed.registerIn(pipeline.metrics().counters()));
    if (kamon != null) {
      kamon.bind(pipeline.metrics().counters());
    }
  }

  /** Long enough for the scenario plus stopping; a replay has no fixed duration. */
  private static long timeoutOf(Config config) {
    return config.getDuration("meltica.simulation.duration").toMillis() + 10 * 60_000L;
  }

  /** Kamon first, so that its instruments stop polling before the pipeline's actors are gone. */
  private static void stop(ActorSystem<Void> system, KamonExporter kamon) {
    if (kamon != null) {
      kamon.close();
    }
    system.terminate();
    system.getWhenTerminated().toCompletableFuture().join();
  }

  private void writeReports(SimulationReport report) {
    List<VenueFeedStats.Summary> feedSummaries =
        feeds.stream().map(VenueFeedStats::summary).toList();
    try {
      if (options.reportJson != null) {
        createParent(options.reportJson);
        new JsonReportWriter().write(report, feedSummaries, options.reportJson);
        out.println("JSON report: " + options.reportJson);
      }
      if (options.reportHtml != null) {
        createParent(options.reportHtml);
        new HtmlReportWriter().write(report, feedSummaries, options.reportHtml);
        out.println("HTML report: " + options.reportHtml);
      }
    } catch (IOException e) {
      err.println("meltica: could not write a report: " + e.getMessage());
    }
  }

  private static void createParent(Path file) throws IOException {
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      java.nio.file.Files.createDirectories(parent);
    }
  }
}
