package io.meltica.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.meltica.actors.MelticaSettings;
import io.meltica.leakcheck.LeakCheck;
import io.meltica.protocol.Event;
import io.meltica.protocol.EventKind;
import io.meltica.protocol.ExecStatus;
import io.meltica.protocol.Side;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.StreamSupport;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.apache.pekko.actor.testkit.typed.javadsl.LogCapturingExtension;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.MemberStatus;
import org.apache.pekko.cluster.sharding.ClusterSharding;
import org.apache.pekko.cluster.sharding.ShardRegion;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.Join;
import org.apache.pekko.pattern.Patterns;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Artery over TLS between nodes in one JVM on 127.0.0.1: two nodes whose trust stores know each
 * other's certificate form a cluster and carry Meltica's events both ways; a plaintext node, and a
 * TLS node with a certificate the cluster does not trust, are kept out; a connection that presents
 * no trusted certificate is hung up on (mutual authentication).
 */
@ExtendWith(LogCapturingExtension.class)
class TlsClusterTest {
  private static final Duration PATIENCE = Duration.ofSeconds(30);

  /** How long an intruder is watched not getting in. */
  private static final Duration WINDOW = Duration.ofSeconds(8);

  private static final int STRATEGIES = 4;

  private static final Config NODE =
      ConfigFactory.parseMap(
          Map.of(
              "pekko.actor.provider", "cluster",
              "pekko.remote.artery.transport", "tcp",
              "pekko.remote.artery.canonical.hostname", "127.0.0.1",
              "pekko.remote.artery.canonical.port", 0,
              "pekko.cluster.jmx.multi-mbeans-in-same-jvm", "on",
              "pekko.coordinated-shutdown.run-by-jvm-shutdown-hook", "off",
              "pekko.cluster.run-coordinated-shutdown-when-down", "off",
              "pekko.cluster.sharding.number-of-shards", 30,
              "meltica.orchestrator.merge.enabled", "off"));

  @TempDir static Path dir;
  private static Path node1;
  private static Path node2;
  private static Path stranger;
  private static Path trust;

  @RegisterExtension final LeakCheck leaks = LeakCheck.create().withTimeout(PATIENCE);
  private final List<ActorSystem<Void>> systems = new ArrayList<>();
  private final Received received = new Received();

  @BeforeAll
  static void makeStores() {
    TestStores stores = new TestStores(dir);
    node1 = stores.keyStore("node-1");
    node2 = stores.keyStore("node-2");
    stranger = stores.keyStore("stranger");
    trust = stores.trustStore("cluster", node1, node2); // not the stranger's
  }

  /** A node on 127.0.0.1 with {@code tls} over the test settings, not joined yet. */
  private ActorSystem<Void> start(Config tls) {
    Config settings = tls.withFallback(NODE).withFallback(ConfigFactory.load());
    Config config = ArteryTls.arterySettings(settings).withFallback(settings);
    ActorSystem<Void> system =
        leaks.watch(ActorSystem.create(Behaviors.empty(), "meltica", config));
    systems.add(system);
    return system;
  }

  private static void join(ActorSystem<Void> system, ActorSystem<Void> seed) {
    Cluster.get(system).manager().tell(Join.create(Cluster.get(seed).selfMember().address()));
  }

  /** Last started first: the first node hosts the sharding coordinator. */
  @AfterEach
  void stopLastStartedFirst() {
    for (int i = systems.size() - 1; i >= 0; i--) {
      systems.get(i).terminate();
      assertThat(systems.get(i).getWhenTerminated().toCompletableFuture()).succeedsWithin(PATIENCE);
    }
  }

  @Test
  void shouldFormAClusterOverTlsAndCarryEventsBothWays() {
    // hostname verification on as well: the recipe's certificates name 127.0.0.1
    Config verifyHost =
        ConfigFactory.parseMap(Map.of(ArteryTls.PATH + ".hostname-verification", true));
    ActorSystem<Void> one = start(verifyHost.withFallback(TestStores.tls(node1, trust)));
    ActorSystem<Void> two = start(verifyHost.withFallback(TestStores.tls(node2, trust)));
    assertThat(one.settings().config().getString("pekko.remote.artery.transport"))
        .isEqualTo("tls-tcp");

    join(one, one);
    join(two, one);
    Awaitility.await("both nodes see two members Up")
        .atMost(PATIENCE)
        .pollInSameThread()
        .until(() -> upMembers(one) == 2 && upMembers(two) == 2);

    MelticaSettings settings = MelticaSettings.fromConfig(one.settings().config());
    MelticaCluster first = MelticaCluster.start(one, settings, strategies());
    MelticaCluster second = MelticaCluster.start(two, settings, strategies());
    leaks.watch(first.pipeline().pool());
    leaks.watch(second.pipeline().pool());
    // Shards go to the regions the coordinator knows at the first message: once both are
    // registered, the strategies spread over both nodes without waiting for a rebalance.
    Awaitility.await("both nodes' shard regions registered")
        .atMost(PATIENCE)
        .pollInSameThread()
        .until(() -> shardRegions(one) == 2);
    Awaitility.await("node 1's market data reached strategies on both nodes")
        .atMost(PATIENCE)
        .pollInSameThread()
        .until(
            () -> {
              publishTrade(first);
              return received.allGotMarketData(STRATEGIES) && received.nodesHosting().size() == 2;
            });
    Set<String> expected = new HashSet<>();
    for (int i = 0; i < STRATEGIES; i++) {
      publishExecReport(second, ClusterStrategy.FIRST_ID + i, i);
      expected.add("strategy-" + i + ": exec " + i);
    }
    Awaitility.await("node 2's execution reports reached every strategy, node 1's too")
        .atMost(PATIENCE)
        .pollInSameThread()
        .until(() -> received.criticalReceived().containsAll(expected));
  }

  @Test
  void shouldKeepAPlaintextNodeOutOfATlsCluster() {
    ActorSystem<Void> member = start(TestStores.tls(node1, trust));
    join(member, member);
    awaitUpAlone(member);
    ActorSystem<Void> plaintext = start(ConfigFactory.empty());
    assertThat(plaintext.settings().config().getString("pekko.remote.artery.transport"))
        .isEqualTo("tcp");

    join(plaintext, member);

    assertKeptOut(plaintext, member);
  }

  @Test
  void shouldKeepOutANodeWhoseCertificateTheClusterDoesNotTrust() {
    ActorSystem<Void> member = start(TestStores.tls(node1, trust));
    join(member, member);
    awaitUpAlone(member);
    // the stranger trusts the cluster's certificates; the cluster does not trust the stranger's
    ActorSystem<Void> intruder = start(TestStores.tls(stranger, trust));

    join(intruder, member);

    assertKeptOut(intruder, member);
  }

  /** What require-mutual-authentication = on (the default) does, seen from a raw TLS client. */
  @Test
  void shouldHangUpOnAClientThatPresentsNoTrustedCertificate() throws Exception {
    ActorSystem<Void> member = start(TestStores.tls(node1, trust));
    int port = member.address().getPort().orElseThrow();

    assertThat(connect(port, null)).as("no certificate").isEqualTo("refused");
    assertThat(connect(port, stranger)).as("an unknown certificate").isEqualTo("refused");
    assertThat(connect(port, node2)).as("a trusted certificate").isEqualTo("open");
  }

  /**
   * Opens a TLS connection to {@code port} as a client that trusts the cluster's certificates and
   * presents the one of {@code keyStore} (none if null), and says whether the node kept it open
   * (the node waits for Artery's header) or refused it.
   */
  private static String connect(int port, Path keyStore) throws Exception {
    KeyManager[] keys = null;
    if (keyStore != null) {
      KeyManagerFactory factory =
          KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      factory.init(load(keyStore), TestStores.PASSWORD.toCharArray());
      keys = factory.getKeyManagers();
    }
    TrustManagerFactory trusted =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    trusted.init(load(trust));
    SSLContext context = SSLContext.getInstance("TLSv1.3");
    context.init(keys, trusted.getTrustManagers(), null);
    try (SSLSocket socket =
        (SSLSocket) context.getSocketFactory().createSocket("127.0.0.1", port)) {
      socket.setSoTimeout(2_000);
      socket.startHandshake();
      // TLS 1.3: the server judges the client's certificate after the client's side of the
      // handshake is done, so a refusal shows at the first read
      return socket.getInputStream().read() < 0 ? "refused" : "open";
    } catch (SocketTimeoutException waiting) {
      return "open";
    } catch (IOException hungUp) { // SSLException: an alert; SocketException: a reset
      return "refused";
    }
  }

  private static KeyStore load(Path store) throws Exception {
    KeyStore keyStore = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(store)) {
      keyStore.load(in, TestStores.PASSWORD.toCharArray());
    }
    return keyStore;
  }

  private static void awaitUpAlone(ActorSystem<Void> member) {
    Awaitility.await("the TLS node Up on its own")
        .atMost(PATIENCE)
        .pollInSameThread()
        .until(() -> upMembers(member) == 1);
  }

  private static void assertKeptOut(ActorSystem<Void> intruder, ActorSystem<Void> member) {
    Awaitility.await("the intruder never Up, never a member of the TLS node's cluster")
        .during(WINDOW)
        .atMost(WINDOW.plusSeconds(5))
        .pollInterval(Duration.ofMillis(200))
        .pollInSameThread()
        .until(() -> upMembers(intruder) == 0 && members(member) == 1);
  }

  private static int shardRegions(ActorSystem<?> system) throws Exception {
    var region =
        ClusterSharding.get(Adapter.toClassic(system)).shardRegion(MelticaCluster.STRATEGY.name());
    Object reply =
        Patterns.ask(region, ShardRegion.getCurrentRegionsInstance(), Duration.ofSeconds(3))
            .toCompletableFuture()
            .get();
    return ((ShardRegion.CurrentRegions) reply).getRegions().size();
  }

  private static long upMembers(ActorSystem<?> system) {
    return StreamSupport.stream(Cluster.get(system).state().getMembers().spliterator(), false)
        .filter(m -> m.status() == MemberStatus.up())
        .count();
  }

  private static long members(ActorSystem<?> system) {
    return StreamSupport.stream(Cluster.get(system).state().getMembers().spliterator(), false)
        .count();
  }

  private List<ClusterStrategy> strategies() {
    return ClusterTraffic.strategies(STRATEGIES, received::recorder);
  }

  private static void publishTrade(MelticaCluster node) {
    node.publish(
        node.acquire()
            .setKind(EventKind.TRADE)
            .setVenueId(1)
            .setInstrumentId(1)
            .setPrice(1)
            .setQuantity(1)
            .setIngestTimeNanos(System.nanoTime()));
  }

  private static void publishExecReport(MelticaCluster node, int strategyId, long orderId) {
    Event report =
        node.acquire()
            .setKind(EventKind.EXEC_REPORT)
            .setInstrumentId(1)
            .setTargetStrategyId(strategyId)
            .setOrderId(orderId)
            .setExecStatus(ExecStatus.FILLED)
            .setSide(Side.BUY)
            .setIngestTimeNanos(System.nanoTime());
    node.publish(report);
  }
}
