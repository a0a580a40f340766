package io.meltica.app;

import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code meltica}: the top-level command; it only names its subcommands. */
@Command(
    name = "meltica",
    mixinStandardHelpOptions = true,
    version = "meltica 0.1.0",
    description = "Pooled, supervised event distribution for trading systems on Apache Pekko.",
    subcommands = {SimulateCommand.class, ReplayCommand.class, NodeCommand.class})
final class MelticaCommand implements Runnable {
  final PrintWriter out;
  final PrintWriter err;

  @Spec CommandSpec spec;

  MelticaCommand(PrintWriter out, PrintWriter err) {
    this.out = out;
    this.err = err;
  }

  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(), "name a subcommand: simulate, replay or node");
  }
}
