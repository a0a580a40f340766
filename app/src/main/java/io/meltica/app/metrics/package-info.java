/**
 * Exports Meltica's metrics to Prometheus through Kamon. {@link KamonExporter} is the only type. It
 * registers instruments for the pool, the recycler per reason, the router, the orchestrator, each
 * strategy, failures and rejected input, and Kamon polls Meltica's own counters once per tick. So
 * nothing on the hot path calls Kamon.
 *
 * <h2>Threading</h2>
 *
 * {@link KamonExporter#start} must run before the ActorSystem is created. The command's thread
 * starts, binds and closes the exporter. Kamon runs the polling callbacks on its own schedule; they
 * only read Meltica's counters, which are readable from any thread. The exporter is closed before
 * the ActorSystem stops, so that nothing polls actors that are gone.
 */
package io.meltica.app.metrics;
