package io.meltica.simulation;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValueFactory;
import io.meltica.actors.EventHandler;
import io.meltica.actors.MelticaPipeline;
import io.meltica.actors.MelticaSettings;
import io.meltica.actors.StrategyHandle;
import io.meltica.actors.StrategySpec;
import io.meltica.ingest.DataBus;
import io.meltica.ingest.SyntheticVenue;
import io.meltica.ingest.Venue;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Props;

/**
 * Runs a scenario through a real pipeline in a given ActorSystem and reports what happened: the
 * engine behind {@code meltica simulate} and {@code meltica replay}, and the way to test a strategy
 * under realistic load from a JUnit test:
 *
 * <pre>{@code
 * SimulationReport report =
 *     Simulation.of(scenario)
 *         .withStrategy(StrategySpec.of("mine", MyStrategy::new))
 *         .run(testKit.system())
 *         .toCompletableFuture().get();
 * assertThat(report.problem()).isNull();
 * }</pre>
 *
 * <p>By default the scenario's own strategies run (mid-price trackers, the first one panicking at
 * the panic rate, the last ones slow), fed by one synthetic venue per scenario venue. Builder
 * methods add strategies or replace the venues. Each run starts its own pipeline and stops it at
 * the end, leaving the ActorSystem to its owner.
 */
public final class Simulation {
  private static final AtomicInteger RUNS = new AtomicInteger();

  private final Scenario scenario;
  private final List<StrategySpec> extraStrategies = new ArrayList<>();
  private boolean scenarioStrategies = true;
  private Function<MelticaPipeline, List<? extends Venue<?>>> venues;
  private Supplier<Map<String, Long>> rejected = Map::of;
  private Consumer<Progress> progress = p -> {};
  private Consumer<MelticaPipeline> started = p -> {};
  private Config overrides = ConfigFactory.empty();

  private Simulation(Scenario scenario) {
    this.scenario = scenario;
  }

  public static Simulation of(Scenario scenario) {
    return new Simulation(scenario);
  }

  /** Runs this strategy too. */
  public Simulation withStrategy(StrategySpec strategy) {
    extraStrategies.add(strategy);
    return this;
  }

  /** Runs only the strategies added with {@link #withStrategy}, not the scenario's own. */
  public Simulation withoutScenarioStrategies() {
    scenarioStrategies = false;
    return this;
  }

  /**
   * Replaces the synthetic venues.
   *
   * @param factory makes the venues once the pipeline exists (for its pool and ids)
   * @param rejectedInput rejected input lines per reason, read at the end
   */
  public Simulation withVenues(
      Function<MelticaPipeline, List<? extends Venue<?>>> factory,
      Supplier<Map<String, Long>> rejectedInput) {
    this.venues = factory;
    this.rejected = rejectedInput;
    return this;
  }

  /** Called once a second with the run's progress. */
  public Simulation onProgress(Consumer<Progress> listener) {
    this.progress = listener;
    return this;
  }

  /**
   * Called with the run's pipeline once it has started and every strategy is subscribed, before any
   * venue publishes (to export its metrics, say).
   */
  public Simulation onPipelineStarted(Consumer<MelticaPipeline> listener) {
    this.started = listener;
    return this;
  }

  /** Configuration over the system's for this run's pipeline (e.g. {@code meltica.pool}). */
  public Simulation withConfig(Config config) {
    this.overrides = config;
    return this;
  }

  /** Starts the run; the stage completes with the report once the pipeline has stopped. */
  public CompletionStage<SimulationReport> run(ActorSystem<?> system) {
    Config base = overrides.withFallback(system.settings().config());
    MelticaPipeline pipeline =
        MelticaPipeline.start(
            system,
            MelticaSettings.fromConfig(withScenarioNames(base)),
            "simulation-" + RUNS.incrementAndGet());
    FlipWatch flipWatch = new FlipWatch(pipeline.metrics().router());
    List<Integer> strategyIds = new ArrayList<>();
    for (StrategySpec strategy : strategies()) {
      Supplier<EventHandler> handlers = strategy.handlers();
      StrategyHandle handle =
          pipeline
              .subscribeAsync(
                  new StrategySpec(
                      strategy.name(),
                      strategy.instruments(),
                      () -> flipWatch.watch(handlers.get())))
              .toCompletableFuture()
              .join();
      strategyIds.add(handle.strategyId());
    }
    started.accept(pipeline);
    List<? extends Venue<?>> sources =
        venues != null ? venues.apply(pipeline) : syntheticVenues(pipeline, strategyIds);
    DataBus bus = DataBus.run(system, pipeline, sources);
    RunState run = new RunState(pipeline, bus.stats(), flipWatch);
    CompletableFuture<SimulationReport> report = new CompletableFuture<>();
    Duration flipSpacing = scenario.duration().dividedBy(scenario.flips() + 1L);
    system.systemActorOf(
        SimulationDriver.create(
            run,
            bus,
            flipSpacing,
            venues == null ? scenario.flips() : 0,
            progress,
            rejected,
            report),
        "simulation-driver-" + RUNS.get(),
        Props.empty());
    return report;
  }

  private Config withScenarioNames(Config base) {
    return base.withValue(
            "meltica.instruments",
            ConfigValueFactory.fromIterable(
                scenario.instrumentSymbols(base.getStringList("meltica.instruments"))))
        .withValue(
            "meltica.venues",
            ConfigValueFactory.fromIterable(
                scenario.venueNames(base.getStringList("meltica.venues"))))
        .withValue(
            "meltica.orchestrator.merge.expected-venues",
            ConfigValueFactory.fromIterable(List.of()));
  }

  private List<StrategySpec> strategies() {
    List<StrategySpec> all = new ArrayList<>();
    if (scenarioStrategies) {
      for (int i = 0; i < scenario.subscribers(); i++) {
        all.add(StrategySpec.of(scenarioStrategyName(i), scenarioStrategy(i)));
      }
    }
    all.addAll(extraStrategies);
    return all;
  }

  private String scenarioStrategyName(int i) {
    if (i == 0 && scenario.panicRate() > 0) {
      return "panicky-0";
    }
    return (isSlow(i) ? "slow-" : "tracker-") + i;
  }

  private Supplier<EventHandler> scenarioStrategy(int i) {
    if (i == 0 && scenario.panicRate() > 0) {
      return () -> SampleStrategies.panicking(scenario.panicRate(), scenario.seed());
    }
    if (isSlow(i)) {
      return () -> SampleStrategies.slow(scenario.slowWork());
    }
    return SampleStrategies::midPriceTracker;
  }

  private boolean isSlow(int i) {
    return i >= scenario.subscribers() - scenario.slowSubscribers();
  }

  private List<SyntheticVenue> syntheticVenues(
      MelticaPipeline pipeline, List<Integer> strategyIds) {
    List<Integer> instruments = new ArrayList<>();
    for (int id = 1; id <= pipeline.ids().instrumentCount(); id++) {
      instruments.add(id);
    }
    int perVenue = Math.max(1, scenario.rate() / scenario.venues());
    List<SyntheticVenue> synthetic = new ArrayList<>();
    for (int venueId = 1; venueId <= scenario.venues(); venueId++) {
      synthetic.add(
          new SyntheticVenue(
              new SyntheticVenue.Settings(
                  venueId,
                  pipeline.ids().venueName(venueId),
                  instruments,
                  perVenue,
                  scenario.duration(),
                  scenario.seed(),
                  strategyIds)));
    }
    return synthetic;
  }
}
