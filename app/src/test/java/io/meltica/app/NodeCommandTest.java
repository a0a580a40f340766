package io.meltica.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two {@code meltica node} processes' worth of nodes, in this JVM, forming a cluster. */
class NodeCommandTest {

  @Test
  void shouldFormAClusterOfTwoNodesAndStopWithoutALeak() throws Exception {
    int first = CliRun.freePort();
    int second = CliRun.freePort();
    String seeds = "127.0.0.1:" + first;

    CompletableFuture<CliRun> one = CompletableFuture.supplyAsync(() -> node(first, seeds));
    CompletableFuture<CliRun> two = CompletableFuture.supplyAsync(() -> node(second, seeds));

    for (CliRun run : new CliRun[] {one.get(), two.get()}) {
      assertThat(run.exitCode()).as(run.err()).isZero();
      assertThat(run.out()).contains("members up 2", "stopped; envelopes in use: 0");
      assertThat(run.out())
          .as("its venue published into the pipeline")
          .containsPattern("routed [1-9]");
    }
  }

  /** Ctrl-C, or a plain kill: the README's way to stop a node that runs without --duration. */
  @Test
  void shouldLeaveCleanlyWhenTerminatedBySignal(@TempDir Path dir) throws Exception {
    int port = CliRun.freePort();
    Path out = dir.resolve("node.txt");
    Process node =
        CliRun.inItsOwnJvm(
            out,
            dir.resolve("run"),
            CliRun.nodeArgs(port, "127.0.0.1:" + port, "--strategies", "2"));
    Awaitility.await("the node up and ingesting")
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(200))
        .until(() -> Files.readString(out).matches("(?s).*members up 1  routed [1-9].*"));

    node.destroy(); // SIGTERM: the JVM runs its shutdown hooks, as on Ctrl-C

    assertThat(node.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(Files.readString(out)).contains("stopped; envelopes in use: 0");
  }

  @Test
  void shouldRequireAPortAndSeedNodes() {
    CliRun run = CliRun.of("node", "--port", "2551");

    assertThat(run.exitCode()).isEqualTo(ExitCode.BAD_ARGUMENTS);
    assertThat(run.err()).contains("--seed-nodes");
  }

  @Test
  void shouldRefuseASeedOrHostThatIsNotAnAddressNamingIt() {
    CliRun injected =
        CliRun.of(
            "node",
            "--port",
            "2551",
            "--seed-nodes",
            "127.0.0.1:2551\"]\npekko.cluster.seed-nodes = [\"pekko://meltica@10.0.0.9:2551");
    CliRun host =
        CliRun.of("node", "--port", "2551", "--host", "a\"\nb", "--seed-nodes", "127.0.0.1:2551");
    CliRun noPort = CliRun.of("node", "--port", "2551", "--seed-nodes", "127.0.0.1");

    assertThat(injected.exitCode()).isEqualTo(ExitCode.BAD_ARGUMENTS);
    assertThat(injected.err()).contains("--seed-nodes", "HOST:PORT", "10.0.0.9");
    assertThat(host.exitCode()).isEqualTo(ExitCode.BAD_ARGUMENTS);
    assertThat(host.err()).contains("--host");
    assertThat(noPort.exitCode()).isEqualTo(ExitCode.BAD_ARGUMENTS);
    assertThat(noPort.err()).contains("--seed-nodes", "'127.0.0.1'");
  }

  @Test
  void shouldRefuseANonLoopbackHostWithoutTlsSayingHowToFixIt() {
    CliRun run =
        CliRun.of(CliRun.nodeArgs(2551, "10.1.2.3:2551", "--host", "10.1.2.3", "--rate", "0"));

    assertThat(run.exitCode()).isEqualTo(ExitCode.BAD_ARGUMENTS);
    assertThat(run.err())
        .contains("--host 10.1.2.3 is not a loopback address", "--tls", "--insecure")
        .contains("docs/cluster.md#tls");
    assertThat(run.out()).as("nothing started").doesNotContain("members up");
  }

  @Test
  void shouldLetANonLoopbackHostRunInPlaintextWithInsecure() {
    Config config =
        NodeCommand.nodeConfig(
            "10.1.2.3", 2551, List.of("10.1.2.3:2551"), true, ConfigFactory.load());

    assertThat(config.getString("pekko.remote.artery.transport")).isEqualTo("tcp");
    assertThat(config.getString("pekko.remote.artery.canonical.hostname")).isEqualTo("10.1.2.3");
    assertThat(config.getStringList("pekko.cluster.seed-nodes"))
        .containsExactly("pekko://meltica@10.1.2.3:2551");
  }

  @Test
  void shouldNeedNeitherTlsNorInsecureOnALoopbackAddress() {
    for (String host : List.of("127.0.0.1", "127.3.2.1", "localhost", "LOCALHOST", "[::1]")) {
      assertThat(NodeCommand.isLoopback(host)).as(host).isTrue();
      Config config =
          NodeCommand.nodeConfig(
              host, 2551, List.of("127.0.0.1:2551"), false, ConfigFactory.load());
      assertThat(config.getString("pekko.remote.artery.canonical.hostname")).isEqualTo(host);
    }
    for (String host : List.of("10.1.2.3", "0.0.0.0", "192.168.0.7", "[2001:db8::1]")) {
      assertThat(NodeCommand.isLoopback(host)).as(host).isFalse();
    }
  }

  @Test
  void shouldTakeTlsAsEnoughForANonLoopbackHostAndOpenItsStoresAtStart(@TempDir Path dir) {
    Path missing = dir.resolve("node-1.p12");
    CliRun run =
        CliRun.of(
            CliRun.nodeArgs(
                2551,
                "10.1.2.3:2551",
                "--host",
                "10.1.2.3",
                "--tls",
                "--tls-key-store",
                missing.toString(),
                "--tls-trust-store",
                dir.resolve("trust.p12").toString()));

    assertThat(run.exitCode()).isEqualTo(ExitCode.BAD_ARGUMENTS);
    assertThat(run.err())
        .doesNotContain("--host 10.1.2.3 is not")
        .contains("meltica.cluster.tls.key-store: no such file: " + missing.toAbsolutePath());
  }

  @Test
  void shouldRefuseAStoreOptionWithoutTls() {
    CliRun run =
        CliRun.of(CliRun.nodeArgs(2551, "127.0.0.1:2551", "--tls-key-store", "node-1.p12"));

    assertThat(run.exitCode()).isEqualTo(ExitCode.BAD_ARGUMENTS);
    assertThat(run.err()).contains("--tls-key-store and --tls-trust-store need TLS on: add --tls");
  }

  private static CliRun node(int port, String seeds) {
    return CliRun.of(
        CliRun.nodeArgs(port, seeds, "--rate", "200", "--strategies", "4", "--duration", "10s"));
  }
}
