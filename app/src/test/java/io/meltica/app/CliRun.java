package io.meltica.app;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** One in-process run of the command line, with what it printed. */
record CliRun(int exitCode, String out, String err) {
  /** The repository's application.conf, as ./meltica uses it. */
  static final Path CONFIG = Path.of("..", "application.conf");

  static CliRun of(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
    return new CliRun(code, out.toString(), err.toString());
  }

  /** {@code args} after the subcommand, with the repository's configuration. */
  static CliRun withConfig(String subcommand, String... args) {
    List<String> all = new ArrayList<>(List.of(subcommand, "--config", CONFIG.toString()));
    all.addAll(List.of(args));
    return of(all.toArray(String[]::new));
  }

  /**
   * {@code meltica args...} in a JVM of its own, as ./meltica runs it (Kamon must attach its
   * instrumentation before Pekko's classes load; signals reach only that JVM). Output and errors go
   * to {@code out}, log files to {@code logBase}.
   */
  static Process inItsOwnJvm(Path out, Path logBase, String... args) throws IOException {
    List<String> command =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                "-Dmeltica.log.file=" + logBase,
                Main.class.getName()));
    command.addAll(List.of(args));
    return new ProcessBuilder(command)
        .redirectErrorStream(true)
        .redirectOutput(out.toFile())
        .start();
  }

  /**
   * The arguments of {@code meltica node} on {@code port} with the repository's configuration,
   * {@code seeds} as its seed nodes, then {@code more}.
   */
  static String[] nodeArgs(int port, String seeds, String... more) {
    List<String> all =
        new ArrayList<>(
            List.of(
                "node",
                "--config",
                CONFIG.toString(),
                "--port",
                Integer.toString(port),
                "--seed-nodes",
                seeds));
    all.addAll(List.of(more));
    return all.toArray(String[]::new);
  }

  /** A free TCP port on this machine, for Artery or a metrics endpoint. */
  static int freePort() throws IOException {
    try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
