package io.meltica.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three {@code meltica node} processes on 127.0.0.1; one is killed with SIGKILL while execution
 * reports stream. The Split Brain Resolver downs it, its strategies restart on the survivors, and
 * the survivors lose no critical event, hand none over out of order or twice, and leak nothing.
 */
class NodeCrashTest {
  private static final Duration PATIENCE = Duration.ofSeconds(90);

  /** The repository's configuration has three venues; a node's venue is its port modulo that. */
  private static final int VENUES = 3;

  private static final Pattern FINAL =
      Pattern.compile(
          "critical sent \\d+ acked \\d+ lost (\\d+); execution reports out of order or twice:"
              + " (\\d+)");

  @Test
  void shouldLoseNoCriticalEventWhenANodeIsKilled(@TempDir Path dir) throws Exception {
    Path config = dir.resolve("node.conf");
    Files.writeString(
        config,
        "include file(\""
            + CliRun.CONFIG.toAbsolutePath().normalize()
            + "\")\n"
            + "pekko.cluster.split-brain-resolver.stable-after = 2s\n"
            // a busy machine must not make a live node look dead (the default pause is 3 s), and a
            // shard being handed off to the killed node must not wait the default minute
            + "pekko.cluster.failure-detector.acceptable-heartbeat-pause = 6s\n"
            + "pekko.cluster.sharding.handoff-timeout = 10s\n"
            + "meltica.pool.debug = on\n");
    int[] ports = portsOfDistinctVenues();
    String seeds = "127.0.0.1:" + ports[0];
    Process[] nodes = new Process[3];
    Path[] outs = new Path[3];
    try {
      for (int i = 0; i < 3; i++) {
        outs[i] = dir.resolve("node-" + i + ".txt");
        nodes[i] =
            CliRun.inItsOwnJvm(
                outs[i],
                dir.resolve("log-" + i),
                "node",
                "--config",
                config.toString(),
                "--port",
                Integer.toString(ports[i]),
                "--seed-nodes",
                seeds,
                "--strategies",
                "6",
                "--rate",
                "100");
      }
      for (Path out : outs) {
        awaitLine(out, 0, "members up 3  routed [1-9][0-9]* .*critical sent [1-9]");
      }
      // shards go to the regions known first; the coordinator's rebalance gives node 2 its share
      awaitLine(outs[2], 0, "members up 3 .* handled here [1-9]");

      long[] before = {Files.size(outs[0]), Files.size(outs[1])};
      nodes[2].destroyForcibly(); // SIGKILL: no leave, no hand-off
      assertThat(nodes[2].waitFor(30, TimeUnit.SECONDS)).isTrue();

      for (int i = 0; i < 2; i++) {
        // downed by the Split Brain Resolver, then every critical event this survivor sent,
        // including those to the killed node's strategies, re-sent to their new homes and
        // acknowledged: nothing in flight. (When the last nodes stop, what is in flight then
        // has nowhere to go: the run's summary reports it as lost.)
        awaitLine(outs[i], before[i], "members up 2 ");
        awaitLine(outs[i], before[i], "members up 2 .* in flight 0 ");
      }
      for (int i = 0; i < 2; i++) {
        nodes[i].destroy(); // SIGTERM, as on Ctrl-C: the last two nodes stop together
      }
      for (int i = 0; i < 2; i++) {
        assertThat(nodes[i].waitFor(60, TimeUnit.SECONDS)).isTrue();
        String out = Files.readString(outs[i]);
        // the JVM reports the SIGTERM (143) once its shutdown hook has let the node finish
        assertThat(nodes[i].exitValue()).as(out).isIn(0, 143);
        assertThat(out).contains("stopped; envelopes in use: 0");
        Matcher summary = FINAL.matcher(out);
        assertThat(summary.find()).as(out).isTrue();
        assertThat(summary.group(2))
            .as("out of order or twice, over the whole run: %s", out)
            .isEqualTo("0");
      }
    } finally {
      for (Process node : nodes) {
        if (node != null) {
          node.destroyForcibly();
        }
      }
    }
  }

  /** Waits for a line matching {@code regex} written after {@code from} bytes of {@code out}. */
  private static void awaitLine(Path out, long from, String regex) {
    Pattern line = Pattern.compile("(?m)^.*" + regex + ".*$");
    Awaitility.await(out.getFileName() + ": " + regex)
        .atMost(PATIENCE)
        .pollInterval(Duration.ofMillis(250))
        .until(() -> line.matcher(Files.readString(out).substring((int) from)).find());
  }

  /** Three free ports whose nodes' synthetic venues differ (the self-check keys by venue). */
  private static int[] portsOfDistinctVenues() throws IOException {
    int[] ports = new int[3];
    Set<Integer> venues = new HashSet<>();
    for (int i = 0; i < 3; ) {
      int port = CliRun.freePort();
      if (venues.add(Math.floorMod(port, VENUES))) {
        ports[i++] = port;
      }
    }
    return ports;
  }
}
