package io.meltica.app;

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
}
