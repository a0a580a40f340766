package io.meltica.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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

  private static CliRun node(int port, String seeds) {
    return CliRun.of(
        CliRun.nodeArgs(port, seeds, "--rate", "200", "--strategies", "4", "--duration", "10s"));
  }
}
