package io.meltica.actors;

import com.typesafe.config.Config;
import io.meltica.actors.mailbox.MarketDataPolicy;
import io.meltica.pool.PoolConfig;
import io.meltica.protocol.Event;
import io.meltica.protocol.IdRegistry;
import io.meltica.supervision.SupervisionSettings;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.pekko.actor.typed.MailboxSelector;
import org.apache.pekko.actor.typed.Props;

/**
 * Everything the pipeline reads from {@code meltica { }}, read once at start-up.
 *
 * @param expectedVenues venue ids whose quotes are merged (ids from {@code ids})
 * @param fanOutSampleEvery measure efficiency on one fan-out in this many; 0 never
 * @param latencySampleEvery time one market-data delivery in this many per strategy (critical
 *     events always)
 * @param routerBatchSize most events the router sends one strategy in one message
 * @param fanOutMode shared envelopes or copies for several recipients
 * @param routerPartitions how many routers share the instruments ({@link RouterPartitions})
 * @param ingest how the data bus feeds the orchestrator
 * @param consumerMailbox config path of the per-policy mailbox configurations
 * @param marketData each strategy's market-data policy
 */
public record MelticaSettings(
    IdRegistry ids,
    PoolConfig pool,
    SupervisionSettings supervision,
    boolean mergeEnabled,
    List<Integer> expectedVenues,
    Duration mergeTimeout,
    int fanOutSampleEvery,
    int latencySampleEvery,
    int routerBatchSize,
    FanOutMode fanOutMode,
    int routerPartitions,
    String consumerDispatcher,
    String consumerMailbox,
    Duration shutdownTimeout,
    int maxFailureTraces,
    Ingest ingest,
    MarketData marketData) {

  /**
   * The market-data policy of the strategies' mailboxes.
   *
   * @param perStrategy policies for strategies by name, overriding {@code policy}
   */
  public record MarketData(MarketDataPolicy policy, Map<String, MarketDataPolicy> perStrategy) {
    public MarketData {
      perStrategy = Map.copyOf(perStrategy);
    }

    /** Conflation for everyone. */
    public static MarketData conflate() {
      return new MarketData(MarketDataPolicy.CONFLATE, Map.of());
    }

    /** The policy of the strategy named {@code name}. */
    public MarketDataPolicy policyOf(String name) {
      return perStrategy.getOrDefault(name, policy);
    }
  }

  /**
   * The data bus's batching and backpressure.
   *
   * @param batchSize most events the bus hands the orchestrator in one message
   * @param highWatermark pool utilization above which the orchestrator holds back its ack, so
   *     ingest waits for the strategies instead of filling memory
   */
  public record Ingest(int batchSize, double highWatermark) {
    public Ingest {
      if (batchSize < 1) {
        throw new IllegalArgumentException(
            "meltica.ingest.batch-size must be >= 1, got " + batchSize);
      }
      if (!(highWatermark > 0 && highWatermark <= 1)) {
        throw new IllegalArgumentException(
            "meltica.ingest.high-watermark must be in (0, 1], got " + highWatermark);
      }
    }
  }

  public MelticaSettings {
    expectedVenues = List.copyOf(expectedVenues);
    if (expectedVenues.stream().distinct().count() != expectedVenues.size()) {
      throw new IllegalArgumentException(
          "meltica.orchestrator.merge.expected-venues names a venue twice: venue ids "
              + expectedVenues
              + " (a merge could never complete)");
    }
    if (expectedVenues.size() > Event.MAX_LEGS) {
      throw new IllegalArgumentException(
          "meltica.orchestrator.merge.expected-venues holds "
              + expectedVenues.size()
              + " venues; a consolidated quote has at most "
              + Event.MAX_LEGS
              + " legs");
    }
    if (fanOutSampleEvery < 0) {
      throw new IllegalArgumentException(
          "meltica.router.fan-out-sample-every must be >= 0, got " + fanOutSampleEvery);
    }
    if (latencySampleEvery < 1) {
      throw new IllegalArgumentException(
          "meltica.strategy.latency-sample-every must be >= 1, got " + latencySampleEvery);
    }
    if (routerBatchSize < 1) {
      throw new IllegalArgumentException(
          "meltica.router.batch-size must be >= 1, got " + routerBatchSize);
    }
    if (routerPartitions < 1) {
      throw new IllegalArgumentException(
          "meltica.router.partitions must be >= 1 (or auto), got " + routerPartitions);
    }
  }

  /** The config path of the mailbox of the strategy named {@code strategyName}. */
  public String mailboxOf(String strategyName) {
    return consumerMailbox + "." + marketData.policyOf(strategyName).configName();
  }

  /**
   * The dispatcher and mailbox (by its market-data policy) of the strategy named {@code
   * strategyName}: the one place both the guardian and a user spawning a strategy elsewhere take
   * them from.
   */
  public Props strategyProps(String strategyName) {
    return MailboxSelector.fromConfig(mailboxOf(strategyName))
        .withDispatcherFromConfig(consumerDispatcher);
  }

  /**
   * Reads the settings from a config that has Meltica's {@code reference.conf} as fallback.
   *
   * @throws IllegalArgumentException naming the key on a bad value or an unknown venue
   */
  public static MelticaSettings fromConfig(Config config) {
    Config m = config.getConfig("meltica");
    IdRegistry ids = IdRegistry.of(m.getStringList("instruments"), m.getStringList("venues"));
    List<String> venueNames = m.getStringList("orchestrator.merge.expected-venues");
    if (venueNames.isEmpty()) {
      venueNames = ids.venueNames();
    }
    List<Integer> expected = venueNames.stream().map(ids::venueId).toList();
    return new MelticaSettings(
        ids,
        PoolConfig.fromConfig(config),
        SupervisionSettings.fromConfig(config),
        m.getBoolean("orchestrator.merge.enabled"),
        expected,
        m.getDuration("orchestrator.merge.timeout"),
        m.getInt("router.fan-out-sample-every"),
        m.getInt("strategy.latency-sample-every"),
        m.getInt("router.batch-size"),
        FanOutMode.fromConfigName(m.getString("router.fan-out")),
        routerPartitions(m),
        m.getString("strategy.dispatcher"),
        m.getString("strategy.mailbox"),
        m.getDuration("shutdown-timeout"),
        m.getInt("failures.max-traces"),
        new Ingest(m.getInt("ingest.batch-size"), m.getDouble("ingest.high-watermark")),
        marketData(m.getConfig("strategy.market-data")));
  }

  /** {@code auto} is one router per core the JVM sees. */
  private static int routerPartitions(Config m) {
    String path = "router.partitions";
    if ("auto".equals(m.getValue(path).unwrapped())) {
      return Runtime.getRuntime().availableProcessors();
    }
    return m.getInt(path);
  }

  private static MarketData marketData(Config c) {
    Map<String, MarketDataPolicy> perStrategy = new HashMap<>();
    for (var entry : c.getConfig("policies").root().unwrapped().entrySet()) {
      perStrategy.put(
          entry.getKey(), MarketDataPolicy.fromConfigName(String.valueOf(entry.getValue())));
    }
    return new MarketData(MarketDataPolicy.fromConfigName(c.getString("policy")), perStrategy);
  }
}
