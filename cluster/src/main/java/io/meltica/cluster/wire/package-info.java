/**
 * The form of events between nodes. {@link EventWireFormat} and {@link EventBatchWireFormat} are
 * pure codecs for an {@link io.meltica.protocol.Event} and an {@link
 * io.meltica.protocol.EventBatch}. {@link EventSerializer} plugs them into Pekko serialization and
 * owns the recycling: serializing an event gives it up. Bytes that cannot be read, or that carry an
 * ordinal or an id outside the node's registry, throw {@link MalformedEventException} before an
 * envelope is taken. {@link WireStats}, found through {@link WireStatsExtension}, counts what the
 * serializer did.
 *
 * <h2>Threading</h2>
 *
 * Pekko calls one {@link EventSerializer} from many threads at once. It keeps no per-call state; it
 * looks up the pool and counters on first use, an idempotent race published by a volatile field.
 * The codecs are stateless and may be called from any thread; the buffers and events passed in
 * belong to the caller for the call. {@link WireStats} counts in {@link
 * java.util.concurrent.atomic.LongAdder}s. {@link WireStatsExtension} relies on Pekko's extension
 * registry to make one instance per ActorSystem.
 */
package io.meltica.cluster.wire;
