/**
 * The {@code meltica} command line, built on picocli. {@link Main} is the entry point; {@link
 * MelticaCommand} names the subcommands {@link SimulateCommand}, {@link ReplayCommand} and {@link
 * NodeCommand}. {@link RunExecutor} runs one simulation or replay: it sets up logging ({@link
 * LogSetup}) and metrics, creates an ActorSystem, prints progress, stops the system, counts the
 * threads left behind, and prints the summary and writes the reports. {@link RunOptions} holds the
 * options every run shares, {@link NodeStatus} prints a node's status line, and {@link ExitCode}
 * lists the exit codes.
 *
 * <h2>Threading</h2>
 *
 * A command runs on the thread that called {@link Main}, and the classes here are used by that
 * thread. They keep plain fields and do not synchronise, except {@link LogSetup}, which
 * reconfigures Logback under a lock. Two things run elsewhere: the progress lines of a run are
 * printed by a callback that the simulation calls on its driver actor, and on Ctrl-C {@link
 * NodeCommand}'s shutdown hook runs on its own thread. The hook only counts down a latch and waits;
 * the command's thread stops the node.
 */
package io.meltica.app;
