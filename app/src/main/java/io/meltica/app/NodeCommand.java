package io.meltica.app;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.meltica.actors.MelticaSettings;
import io.meltica.actors.StrategySpec;
import io.meltica.app.metrics.KamonExporter;
import io.meltica.cluster.ArteryTls;
import io.meltica.cluster.ClusterStrategy;
import io.meltica.cluster.CriticalStats;
import io.meltica.cluster.MelticaCluster;
import io.meltica.ingest.DataBus;
import io.meltica.ingest.SyntheticVenue;
import io.meltica.simulation.SampleStrategies;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code meltica node}: one node of a Meltica cluster, with strategies sharded over the nodes. */
@Command(
    name = "node",
    mixinStandardHelpOptions = true,
    description = {
      "Runs one cluster node: joins the seed nodes, hosts its share of the strategies (Cluster"
          + " Sharding), ingests a synthetic venue and fans its events out to every strategy in"
          + " the cluster. Prints a status line once a second; stops on Ctrl-C or after"
          + " --duration.",
      "Exit code 0 when the node stopped without an envelope in use."
    })
final class NodeCommand implements Callable<Integer> {
  /** A host name, an IPv4 address or a bracketed IPv6 address: nothing else reaches the config. */
  private static final Pattern HOST =
      Pattern.compile("[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?|\\[[0-9A-Fa-f:.]+\\]");

  private static final Pattern PORT = Pattern.compile("[0-9]{1,5}");

  /** How long Ctrl-C waits for the node to leave the cluster and stop. */
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(60);

  @ParentCommand MelticaCommand parent;

  private final ExecReportOrder execReportOrder = new ExecReportOrder();

  @Option(names = "--port", required = true, paramLabel = "PORT", description = "Artery port")
  int port;

  @Option(
      names = "--host",
      defaultValue = "127.0.0.1",
      paramLabel = "HOST",
      description = "Address Artery binds to and advertises (default: ${DEFAULT-VALUE})")
  String host;

  @Option(
      names = "--seed-nodes",
      required = true,
      split = ",",
      paramLabel = "HOST:PORT",
      description = "Seed nodes, comma-separated; list this node too when it is the first")
  List<String> seedNodes;

  @Option(
      names = "--strategies",
      defaultValue = "6",
      paramLabel = "N",
      description = "Sample strategies in the cluster; every node must say the same")
  int strategies;

  @Option(
      names = "--rate",
      defaultValue = "500",
      paramLabel = "N",
      description = "Events per second this node's synthetic venue publishes (0: none)")
  int rate;

  @Option(
      names = "--duration",
      paramLabel = "TIME",
      converter = SimulateCommand.DurationConverter.class,
      description = "Stop after this long (default: run until Ctrl-C)")
  Duration duration;

  @Mixin LiveOption live;

  /** The live venues of --live, checked before the node starts; null for the synthetic one. */
  private LiveFeeds liveFeeds;

  @Option(
      names = "--metrics-port",
      defaultValue = "0",
      paramLabel = "PORT",
      description =
          "Serve Prometheus metrics on 127.0.0.1:PORT/metrics (default: off; each node needs a"
              + " port of its own)")
  int metricsPort;

  @Option(
      names = "--config",
      paramLabel = "FILE",
      description = "HOCON configuration over the defaults (default: ./application.conf)")
  Path config;

  @Option(
      names = "--tls",
      description =
          "Artery over TLS, with mutual authentication (meltica.cluster.tls.enabled): stores from"
              + " meltica.cluster.tls of the configuration or the two options below, passwords"
              + " from the configuration or MELTICA_TLS_KEY_STORE_PASSWORD (and"
              + " MELTICA_TLS_TRUST_STORE_PASSWORD if the trust store's differs); see"
              + " docs/cluster.md#tls")
  boolean tls;

  @Option(
      names = "--tls-key-store",
      paramLabel = "FILE",
      description = "This node's key store, PKCS12 or JKS (meltica.cluster.tls.key-store)")
  Path tlsKeyStore;

  @Option(
      names = "--tls-trust-store",
      paramLabel = "FILE",
      description =
          "The certificates of the peers to accept, PKCS12 or JKS"
              + " (meltica.cluster.tls.trust-store)")
  Path tlsTrustStore;

  @Option(
      names = "--insecure",
      description =
          "Let a --host that is not a loopback address run without TLS: anyone who reaches the"
              + " port can join the cluster and read its traffic")
  boolean insecure;

  @Override
  public Integer call() throws Exception {
    RunOptions options = new RunOptions();
    options.config = config;
    Config base = withTlsOptions(options.load());
    LogSetup.apply(options.logFormat(base));
    if (metricsPort < 0 || metricsPort > 65535) {
      throw new IllegalArgumentException("--metrics-port must be 0 to 65535, got " + metricsPort);
    }
    Config nodeConfig =
        nodeConfig(host, port, seedNodes, insecure, base)
            .withFallback(downing(base))
            .withFallback(base);
    liveFeeds = live.venues.isEmpty() ? null : LiveFeeds.check(live.venues, nodeConfig);
    if (!ArteryTls.enabled(base) && !isLoopback(host)) {
      parent.err.println(
          "meltica: warning: --insecure: Artery listens on "
              + host
              + " without TLS; anyone who reaches port "
              + port
              + " can join the cluster");
    }
    // before the ActorSystem: Kamon instruments Pekko's classes as they load
    KamonExporter kamon = metricsPort > 0 ? KamonExporter.start(nodeConfig, metricsPort) : null;
    ActorSystem<Void> system = ActorSystem.create(Behaviors.empty(), "meltica", nodeConfig);
    MelticaCluster node =
        MelticaCluster.start(system, MelticaSettings.fromConfig(nodeConfig), definitions());
    if (liveFeeds != null) {
      liveFeeds.registerIn(node.pipeline().metrics().counters());
    }
    if (kamon != null) {
      kamon.bind(node.pipeline().metrics().counters());
      parent.out.println("metrics: http://127.0.0.1:" + metricsPort + "/metrics");
    }
    NodeStatus status = new NodeStatus(system, node, parent.out);
    // Ctrl-C: the hook asks this thread to stop the node as --duration would, and holds the JVM
    // until it has (the JVM halts as soon as its shutdown hooks return).
    CountDownLatch stopRequested = new CountDownLatch(1);
    CountDownLatch stopped = new CountDownLatch(1);
    Thread hook =
        new Thread(
            () -> {
              stopRequested.countDown();
              awaitQuietly(stopped, STOP_TIMEOUT);
            },
            "meltica-node-stop");
    Runtime.getRuntime().addShutdownHook(hook);
    try {
      return runUntilStopped(system, node, kamon, status, stopRequested);
    } finally {
      stopped.countDown();
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException alreadyShuttingDown) {
        // Ctrl-C: the hook is running and returns now
      }
    }
  }

  private int runUntilStopped(
      ActorSystem<Void> system,
      MelticaCluster node,
      KamonExporter kamon,
      NodeStatus status,
      CountDownLatch stopRequested)
      throws Exception {
    long deadline = duration == null ? Long.MAX_VALUE : System.nanoTime() + duration.toNanos();
    DataBus bus = null;
    while (stopRequested.getCount() > 0
        && !system.getWhenTerminated().toCompletableFuture().isDone()
        && System.nanoTime() < deadline) {
      // Ingest starts once this node is Up: before, its shard regions know no coordinator and
      // would only buffer what the venue publishes.
      if (bus == null && (rate > 0 || liveFeeds != null) && status.isUp()) {
        bus =
            DataBus.run(
                system,
                node.pipeline(),
                liveFeeds != null ? liveFeeds.venues(node.pipeline()) : List.of(venue(node)));
      }
      status.print();
      stopRequested.await(1, TimeUnit.SECONDS);
    }
    if (bus != null && !system.getWhenTerminated().toCompletableFuture().isDone()) {
      bus.stop().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
    if (kamon != null) {
      kamon.close(); // before the actors its instruments poll are gone
    }
    system.terminate();
    node.terminated().toCompletableFuture().join();
    long inUse = node.pipeline().pool().inUse();
    parent.out.println("stopped; envelopes in use: " + inUse);
    if (liveFeeds != null) {
      liveFeeds.feeds().forEach(feed -> parent.out.println(feed.summaryLine()));
    }
    CriticalStats critical = node.criticalStats();
    parent.out.printf(
        "critical sent %d acked %d lost %d; execution reports out of order or twice: %d%n",
        critical.sentCount(),
        critical.ackedCount(),
        critical.lostCount(),
        execReportOrder.violations());
    if (inUse != 0) {
      parent.err.println("meltica: leak: " + inUse + " envelope(s) still in use at the end");
      // with meltica.pool.debug on: who took them and who held them last
      node.pipeline().pool().leakReport().outstanding().stream()
          .collect(
              Collectors.groupingBy(
                  out -> out.acquiredBy() + " -> " + out.lastOwner(), Collectors.counting()))
          .forEach((holders, count) -> parent.err.println("  " + count + " " + holders));
      return ExitCode.PROBLEM;
    }
    return ExitCode.CLEAN;
  }

  /**
   * The TLS options over {@code meltica.cluster.tls} of {@code loaded}, as values. A store option
   * without TLS on is refused rather than ignored: the node would run in plaintext.
   */
  private Config withTlsOptions(Config loaded) {
    Map<String, Object> values = new HashMap<>();
    if (tls) {
      values.put(ArteryTls.PATH + ".enabled", true);
    }
    if (tlsKeyStore != null) {
      values.put(ArteryTls.PATH + ".key-store", tlsKeyStore.toString());
    }
    if (tlsTrustStore != null) {
      values.put(ArteryTls.PATH + ".trust-store", tlsTrustStore.toString());
    }
    Config settings = ConfigFactory.parseMap(values).withFallback(loaded);
    if ((tlsKeyStore != null || tlsTrustStore != null) && !ArteryTls.enabled(settings)) {
      throw new IllegalArgumentException(
          "--tls-key-store and --tls-trust-store need TLS on: add --tls (or set "
              + ArteryTls.PATH
              + ".enabled = on)");
    }
    return settings;
  }

  /**
   * The cluster settings from the arguments, built as values, never as config text: an argument
   * cannot add configuration. Each address is checked first, and a bad one names itself. A {@code
   * host} that is not a loopback address needs TLS on in {@code settings} ({@code
   * meltica.cluster.tls}), or {@code insecure}; with TLS on, the stores are opened now.
   */
  static Config nodeConfig(
      String host, int port, List<String> seedNodes, boolean insecure, Config settings) {
    if (!HOST.matcher(host).matches()) {
      throw new IllegalArgumentException(
          "--host must be a host name or an IP address, got '" + host + "'");
    }
    List<String> seeds = seedNodes.stream().map(NodeCommand::seedAddress).toList();
    boolean tlsOn = ArteryTls.enabled(settings);
    if (!tlsOn && !insecure && !isLoopback(host)) {
      throw new IllegalArgumentException(
          "--host "
              + host
              + " is not a loopback address, and without TLS anyone who reaches it could join"
              + " the cluster and read its traffic: turn TLS on (--tls with --tls-key-store and"
              + " --tls-trust-store, or "
              + ArteryTls.PATH
              + " in --config; see docs/cluster.md#tls) or pass --insecure to run in plaintext"
              + " anyway");
    }
    Map<String, Object> values = new HashMap<>();
    values.put("pekko.actor.provider", "cluster");
    if (!tlsOn) {
      values.put("pekko.remote.artery.transport", "tcp");
    }
    values.put("pekko.remote.artery.canonical.hostname", host);
    values.put("pekko.remote.artery.canonical.port", port);
    values.put("pekko.cluster.seed-nodes", seeds);
    values.put("pekko.cluster.jmx.multi-mbeans-in-same-jvm", "on");
    values.put("pekko.coordinated-shutdown.run-by-jvm-shutdown-hook", "off");
    // with TLS off this is empty; with it on, tls-tcp and the SSL engine's settings
    return ConfigFactory.parseMap(values).withFallback(ArteryTls.arterySettings(settings));
  }

  /**
   * Whether {@code host} is a loopback address (127.0.0.0/8, ::1) or {@code localhost}: a name must
   * resolve to loopback addresses only; one that does not resolve is not.
   */
  static boolean isLoopback(String host) {
    String name = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
    if (name.equalsIgnoreCase("localhost")) {
      return true;
    }
    try {
      InetAddress[] addresses = InetAddress.getAllByName(name);
      return addresses.length > 0
          && Arrays.stream(addresses).allMatch(InetAddress::isLoopbackAddress);
    } catch (UnknownHostException e) {
      return false;
    }
  }

  /**
   * Pekko's Split Brain Resolver, unless the configuration names a downing provider of its own:
   * without one, a crashed node stays unreachable for ever and its strategies never move. Its
   * strategy ({@code keep-majority} by default) and {@code stable-after} come from the
   * configuration (docs/cluster.md, "Downing").
   */
  static Config downing(Config base) {
    String provider = "pekko.cluster.downing-provider-class";
    if (!base.getString(provider).isEmpty()) {
      return ConfigFactory.empty();
    }
    return ConfigFactory.parseMap(
        Map.of(provider, "org.apache.pekko.cluster.sbr.SplitBrainResolverProvider"));
  }

  /** {@code HOST:PORT} as a seed node's Pekko address. */
  static String seedAddress(String seed) {
    String trimmed = seed.trim();
    int colon = trimmed.lastIndexOf(':');
    String seedHost = colon > 0 ? trimmed.substring(0, colon) : "";
    String seedPort = colon > 0 ? trimmed.substring(colon + 1) : "";
    if (!HOST.matcher(seedHost).matches() || !PORT.matcher(seedPort).matches()) {
      throw new IllegalArgumentException(
          "--seed-nodes takes HOST:PORT, comma-separated, got '" + seed + "'");
    }
    int number = Integer.parseInt(seedPort);
    if (number < 1 || number > 65535) {
      throw new IllegalArgumentException(
          "--seed-nodes: port must be 1 to 65535, got '" + seed + "'");
    }
    return "pekko://meltica@" + seedHost + ":" + number;
  }

  private List<ClusterStrategy> definitions() {
    List<ClusterStrategy> definitions = new ArrayList<>();
    IntStream.range(0, strategies)
        .forEach(
            i ->
                definitions.add(
                    new ClusterStrategy(
                        ClusterStrategy.FIRST_ID + i,
                        StrategySpec.of(
                            "strategy-" + i,
                            () -> execReportOrder.wrap(SampleStrategies.midPriceTracker())))));
    return definitions;
  }

  private SyntheticVenue venue(MelticaCluster node) {
    var ids = node.pipeline().ids();
    List<Integer> instruments = new ArrayList<>();
    for (int id = 1; id <= ids.instrumentCount(); id++) {
      instruments.add(id);
    }
    List<Integer> targets =
        definitions().stream().map(ClusterStrategy::strategyId).collect(Collectors.toList());
    int venueId = 1 + Math.floorMod(port, ids.venueCount());
    return new SyntheticVenue(
        new SyntheticVenue.Settings(
            venueId,
            ids.venueName(venueId),
            instruments,
            rate,
            duration == null ? SyntheticVenue.Settings.UNTIL_STOPPED : duration,
            port,
            targets));
  }

  private static void awaitQuietly(CountDownLatch latch, Duration timeout) {
    try {
      latch.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
