package io.meltica.app;

import java.io.PrintWriter;
import picocli.CommandLine;

/** Entry point of the {@code meltica} command. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
  }

  /**
   * Runs the command line and returns its exit code: 0 for a clean run, 1 for a run with a problem
   * (leak, critical loss), 2 for bad arguments, 3 for input that cannot be read.
   */
  public static int run(String[] args, PrintWriter out, PrintWriter err) {
    CommandLine cli = new CommandLine(new MelticaCommand(out, err));
    cli.setOut(out);
    cli.setErr(err);
    cli.setExecutionExceptionHandler(
        (e, commandLine, parseResult) -> {
          if (e instanceof IllegalArgumentException) {
            err.println("meltica: " + e.getMessage());
            commandLine.usage(err);
            return ExitCode.BAD_ARGUMENTS;
          }
          err.println("meltica: " + e);
          return ExitCode.FAILED;
        });
    return cli.execute(args);
  }
}
