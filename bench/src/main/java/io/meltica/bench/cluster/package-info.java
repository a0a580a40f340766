/**
 * The cross-node benchmark: fan-out latency and throughput between two Pekko cluster nodes in one
 * JVM. {@link CrossNodeMain} runs it and writes the {@code cross_node} section as JSON. {@link
 * CrossNodeHarness} measures on {@link TwoNodes}, following a {@link CrossNodePlan}. {@link
 * CrossNodeProbe} is the strategies' side on each node.
 *
 * <h2>Threading</h2>
 *
 * {@link CrossNodeHarness} runs on the calling thread, which is the only publisher; one run per
 * instance. {@link TwoNodes} is started and closed from one thread. Strategy handlers run
 * concurrently on each node's dispatcher. {@link CrossNodeProbe} records into HdrHistogram's
 * multi-writer {@code Recorder} and counts in an {@link
 * java.util.concurrent.atomic.AtomicLongArray}; the harness reads both from its own thread. {@link
 * CrossNodePlan} is a record.
 */
package io.meltica.bench.cluster;
