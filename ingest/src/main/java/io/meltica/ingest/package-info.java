/**
 * The ingest side: venues, and the data bus that feeds their events into the pipeline. A {@link
 * Venue} gives raw inputs and fills pooled envelopes from them. {@link DataBus} merges every
 * venue's inputs into one Pekko stream that feeds the orchestrator with backpressure; it acquires
 * envelopes only in its sink. {@link SyntheticVenue} simulates a venue. {@link ReplayVenue} replays
 * a JSON Lines file: {@link LineFramer} splits it into lines, and {@link JsonLineDecoder} turns
 * each into a {@link ReplayRecord} or a {@link RejectReason}. {@link IngestStats} and {@link
 * BusStats} count what came in and what the bus published.
 *
 * <h2>Threading</h2>
 *
 * The bus runs in Pekko Streams, and stream order is the hand-over between stages: an {@link
 * InputBatch} is filled by one stage and read by the sink after it. {@link SyntheticVenue} is
 * filled by one stream stage at a time, so its random state is not synchronised. {@link LineFramer}
 * is immutable; each materialization has its own state, touched only by its stream. {@link
 * JsonLineDecoder}, {@link ReplayRecord} and {@link RejectReason} are immutable and safe to share;
 * {@link ReplayVenue} is immutable apart from its shared stats. {@link IngestStats} and {@link
 * BusStats} use {@link java.util.concurrent.atomic.LongAdder}s: stream threads write them, and any
 * thread may read them.
 */
package io.meltica.ingest;
