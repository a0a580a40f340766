/**
 * The counters registry: {@link Counters} holds every {@link Metric} of one pipeline (running
 * totals, gauges, latency histograms) under a dotted name and labels, registered by the component
 * that keeps the value, and read by whoever reports them. It lives in the lowest module so that
 * every component can register.
 *
 * <h2>Threading</h2>
 *
 * {@link Counters} is thread-safe: registration, iteration and following hold its lock. A metric's
 * supplier is called on the reader's thread and must be safe there (the components back them with
 * atomics or {@link java.util.concurrent.atomic.LongAdder}s). A {@link Metric.Window} serves one
 * reader at a time.
 */
package io.meltica.protocol.counters;
