/**
 * Parallel efficiency of a fan-out with CPU-bound handlers. {@link ParallelEfficiencyHarness} runs
 * each {@link EfficiencyScenario} through a fresh pipeline, one fan-out at a time, and reads the
 * result from the pipeline's own {@link io.meltica.actors.FanOutStats} into an {@link
 * EfficiencyResult}.
 *
 * <h2>Threading</h2>
 *
 * {@link ParallelEfficiencyHarness} is not thread-safe: one scenario at a time, from one thread,
 * which publishes each event and waits until its fan-out has been measured. The handlers run on the
 * strategies' actors, and the measuring is done by {@code FanOutStats}. {@link EfficiencyScenario}
 * and {@link EfficiencyResult} are records.
 */
package io.meltica.bench.efficiency;
