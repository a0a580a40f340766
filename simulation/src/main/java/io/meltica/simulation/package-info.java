/**
 * Runs a scenario through a real pipeline and reports what happened: the engine behind {@code
 * meltica simulate} and {@code meltica replay}, also usable from a JUnit test. {@link Simulation}
 * is the builder and entry point. It runs a {@link Scenario} with {@link SampleStrategies} or the
 * given {@link io.meltica.actors.StrategySpec}s, and completes with a {@link SimulationReport}.
 * While it runs, {@link SimulationDriver} samples {@link Progress} once a second and requests the
 * routing flips. {@link RunState} keeps what was measured, and {@link ReportAssembler} turns it
 * into the report, with {@link LatencyFigures} and the stale-delivery count of {@link FlipWatch}.
 *
 * <h2>Threading</h2>
 *
 * {@link Simulation}'s builder methods set plain fields with no synchronisation; {@link
 * Simulation#run} starts the pipeline on the caller's thread and returns a stage that completes
 * with the report. {@link SimulationDriver} is an actor; the {@link RunState} it owns is confined
 * to it, and it calls the progress listener and {@link ReportAssembler}. Strategy handlers run on
 * their strategies' actors. {@link FlipWatch} wraps each handler, counts in a {@link
 * java.util.concurrent.atomic.LongAdder}, and reads the router's volatile broadcast version, so a
 * reading that races a flip may count one event on the wrong side. The records are immutable.
 */
package io.meltica.simulation;
