/**
 * The soak test: whether the heap stays flat under a steady feed. {@link SoakHarness} publishes
 * trades at a fixed rate to N trivial strategies for a long window and samples the heap in use
 * after a full collection once per period.
 *
 * <h2>Threading</h2>
 *
 * The publisher runs on the calling thread; one run at a time. A daemon thread takes the heap
 * samples into a {@link java.util.concurrent.CopyOnWriteArrayList}. The strategies count their
 * deliveries in a {@link java.util.concurrent.atomic.LongAdder}.
 */
package io.meltica.bench.soak;
