/**
 * Meltica's benchmarks and their baselines: JMH benchmarks for fan-out throughput and the pool
 * ({@code fanout}, {@code pool}), plain-Java harnesses for latency and parallel efficiency ({@code
 * latency}, {@code efficiency}), and the report that merges them ({@code report}). Everything is
 * run by {@code bench/run.sh}; the build only compiles and unit-tests it.
 */
package io.meltica.bench;
