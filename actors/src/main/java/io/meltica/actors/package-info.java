/**
 * The actors that carry events from publishers to strategies. {@link MelticaPipeline} is the
 * plain-Java entry point, and {@link Meltica} the Pekko extension that starts one from config. The
 * {@link Pipeline} guardian owns the {@link Orchestrator}, which merges quotes ({@link
 * QuoteMerger}) and stamps the routing version, the {@link Router}s ({@link RouterPartitions}),
 * which fan events out, and one {@link StrategyActor} per strategy, which gates each event ({@link
 * Gate}) and calls the user's {@link EventHandler}. {@link PipelineMetrics}, {@link FanOutStats}
 * and {@link LatencyWindow} hold the counters.
 *
 * <h2>Threading</h2>
 *
 * {@link Pipeline}, {@link Orchestrator}, {@link Router} and {@link StrategyActor} are actors: each
 * handles one message at a time. Their helpers ({@link QuoteMerger}, {@link SubscriptionTable},
 * {@link OutgoingBatches}, {@link ControlEvents}) are confined to their actor. An {@link
 * EventHandler} runs on its strategy's actor, never concurrently with itself. {@link
 * MelticaPipeline} is thread-safe: any thread may publish, subscribe or flip. Publishers reach the
 * actors through an {@link Ingress}, a JCTools MPSC queue with an atomic drain flag; {@link
 * Ingresses} adds flip markers under one lock, and {@link PipelineGate} keeps an atomic count of
 * publishers. A {@link BatchPool} is taken from by its router only and refilled from any thread.
 *
 * <p>The metrics classes are written by their actor or by publishers and read from any thread:
 * {@link java.util.concurrent.atomic.LongAdder}s and volatile fields. {@link FanOutStats} uses
 * atomics per sample slot; {@link LatencyWindow} records wait-free and drains under a lock. {@link
 * RouterPartitions} is immutable.
 */
package io.meltica.actors;
