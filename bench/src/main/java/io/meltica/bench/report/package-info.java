/**
 * Merges one benchmark run's results into {@code latest.json}. {@link ResultsMerger} is the entry
 * point: it reads JMH result files ({@link JmhResults}), the manifest of interleaved rounds ({@link
 * RoundManifest}) and the harness results, and evaluates the {@link Targets}. The sections of the
 * file are records: {@link FanOutRow}, {@link FanOutRound}, {@link FanOutRounds}, {@link RoundRun},
 * {@link RatioSummary}, {@link PoolRow}, {@link MachineInfo} and {@link TargetResult}, with {@link
 * Ratio}, {@link Rule} and {@link Verdict}.
 *
 * <h2>Threading</h2>
 *
 * No concurrency: a command-line tool that runs on one thread. The records are immutable, and
 * {@link JmhResults}, {@link RoundManifest} and {@link Targets} are immutable or stateless.
 */
package io.meltica.bench.report;
