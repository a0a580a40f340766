package io.meltica.bench.report;

/**
 * One {@code pool} entry of {@code latest.json}.
 *
 * @param benchmark what one operation is: {@code pooled} (acquire + release) or {@code new} (a
 *     fresh {@code Event.standalone()}), on one thread or handed over to a second one
 * @param threads 1 for same-thread, 2 for a hand-over (one producer, one strategy)
 * @param opsPerS operations per second (hand-overs per second for two threads)
 * @param allocBytesPerOp bytes allocated per operation; null without {@code -prof gc}
 */
public record PoolRow(String benchmark, int threads, double opsPerS, Double allocBytesPerOp) {}
