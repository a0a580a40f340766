/**
 * The latency harness: publish to handler start at fixed rates, measured from each event's intended
 * send time so that coordinated omission is not hidden. {@link LatencyHarness} runs each {@link
 * LatencyScenario} on a fresh pipeline and returns a {@link LatencyResult}. A {@link
 * SchedulePublisher} sends the events on schedule: {@link FixedRatePublisher} through {@code
 * publish()}, {@link DataBusPublisher} through the data bus. {@link LatencyProbe} records on the
 * strategies' side, and {@link CompletionTracker} tells which subscriber finished an event last.
 *
 * <h2>Threading</h2>
 *
 * {@link LatencyHarness} is not thread-safe: one scenario at a time, from one thread, which is also
 * the publisher. Through the data bus, events are stamped on the stream's thread, one at a time,
 * while the calling thread waits. {@link LatencyProbe} gives each handler recorders of its own
 * (HdrHistogram's {@code SingleWriterRecorder}), since a strategy handles one event at a time. The
 * publisher opens a {@link CompletionTracker} slot before it publishes, and subscribers complete it
 * with a CAS. The histograms are merged once the run has drained.
 */
package io.meltica.bench.latency;
