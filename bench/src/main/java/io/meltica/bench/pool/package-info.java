/**
 * JMH benchmarks of the envelope pool against plain allocation. {@link PoolBenchmark} acquires and
 * releases on one thread. {@link PoolHandOffBenchmark} hands each envelope from one thread to
 * another, as the pipeline does, through the state in {@link PoolHandOff}.
 *
 * <h2>Threading</h2>
 *
 * {@link PoolBenchmark} has one state per thread, so nothing is shared. Each group of {@link
 * PoolHandOffBenchmark} runs one producer and one strategy thread. The JCTools SPSC queue in {@link
 * PoolHandOff} is their only hand-over edge; both sides wait by spinning and give up when JMH ends
 * the iteration.
 */
package io.meltica.bench.pool;
