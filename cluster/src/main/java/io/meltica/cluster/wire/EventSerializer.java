package io.meltica.cluster.wire;

import io.meltica.cluster.WirePool;
import io.meltica.pool.EventPool;
import io.meltica.pool.RecycleReason;
import io.meltica.pool.Recycler;
import io.meltica.protocol.Event;
import io.meltica.protocol.EventBatch;
import io.meltica.protocol.IdRegistry;
import java.io.NotSerializableException;
import java.nio.ByteBuffer;
import org.apache.pekko.actor.ExtendedActorSystem;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.serialization.ByteBufferSerializer;
import org.apache.pekko.serialization.SerializerWithStringManifest;

/**
 * Pekko serializer of the pooled {@link Event} envelope, in the {@link EventWireFormat} layout, and
 * of an {@link EventBatch} of them, in the {@link EventBatchWireFormat} layout. Bound to both
 * classes by this module's {@code reference.conf}; Pekko creates it by reflection with the {@link
 * ExtendedActorSystem} constructor.
 *
 * <h2>Ownership: serializing an event gives it up</h2>
 *
 * <b>{@code toBinary} (both variants) writes the event and then RECYCLES it</b> through the
 * recycler of the pool that made it, with {@link RecycleReason#SENT_TO_NODE}. Sending an event to
 * another node transfers ownership like any tell (DESIGN.md, rule 2), and once it is on the wire
 * the wire is its last holder on this node: nobody else would ever return it. So:
 *
 * <ul>
 *   <li>never touch an event after sending it, locally or remotely, and never call {@code toBinary}
 *       (or {@code Serialization.serialize}) on an event you still mean to use: copy it into a
 *       scratch envelope first;
 *   <li>an event no pool made ({@link Event#standalone()}, origin null) is written and left to the
 *       garbage collector;
 *   <li>if writing fails (no kind, no room in the buffer) the event is recycled anyway, as {@link
 *       RecycleReason#REJECTED_INPUT}, counted in {@link WireStats#encodeFailures()}, and the
 *       exception goes to Pekko, which drops the message;
 *   <li>an envelope that is already released is refused with an {@link IllegalStateException} and
 *       not recycled again;
 *   <li>a batch is written whole: every event of it is recycled as above (SENT_TO_NODE when the
 *       batch was written, REJECTED_INPUT for all of them when it was not) and the emptied batch
 *       goes back to its owner;
 *   <li>a batch sent in transit is {@link EventBatch#take taken} first: if its sender revoked it
 *       (it waited too long in a shard region or a send queue), its events are not the
 *       serializer's, and an empty batch is written instead.
 * </ul>
 *
 * <p><b>{@code fromBinary} hands the receiver a pooled envelope it owns</b>: taken from {@link
 * WirePool}'s pool of this ActorSystem with owner tag {@value #WIRE_OWNER}, to be recycled by
 * whoever it is delivered to (in practice the strategy's recycle-after-handle hook). A batch is
 * read into a batch from {@link WirePool#acquireBatch}, every event an envelope as above. It
 * validates the bytes before it acquires, so a malformed or truncated buffer, an enum ordinal or an
 * id outside this node's registry ({@link WirePool#ids()}; see {@link
 * EventWireFormat#validate(ByteBuffer, IdRegistry)}), or an unknown manifest, throws {@link
 * MalformedEventException} (counted in {@link WireStats#rejected()}, and by reason) and takes
 * nothing from the pool. A peer is not trusted: an id past the registry would otherwise reach
 * tables sized from it, on Artery's thread.
 *
 * <h2>Identifier and manifest</h2>
 *
 * {@value #IDENTIFIER}: Pekko reserves 0 to 40 for itself and every node must agree on the number
 * forever (it travels in every message header), so Meltica takes a block far from Pekko's and from
 * the small numbers other libraries pick: 9001xx, "01" being this first serializer. The manifest
 * {@value #EVENT_MANIFEST} names the class ("E"vent), {@value #BATCH_MANIFEST} a batch; the layout
 * version travels in each event's first byte, so a new layout does not need a new manifest (see
 * {@link EventWireFormat}).
 *
 * <h2>Concurrency</h2>
 *
 * Pekko calls one instance from many threads at once. It keeps no per-call state; the pool and
 * counters it uses are thread-safe. They are looked up on first use rather than in the constructor:
 * Pekko creates every configured serializer inside its own serialization extension, with remoting
 * while the system is still starting, and a system that never decodes an event should not create a
 * wire pool (1,024 envelopes). The lookup is an idempotent race: any thread may do it, all get the
 * same extension instances, and the volatile field publishes them.
 */
public final class EventSerializer extends SerializerWithStringManifest
    implements ByteBufferSerializer {
  /** This serializer's id in every message header; never change it (see the class comment). */
  public static final int IDENTIFIER = 900101;

  /** The manifest of an {@link Event}. */
  public static final String EVENT_MANIFEST = "E1";

  /** The manifest of an {@link EventBatch}. */
  public static final String BATCH_MANIFEST = "B1";

  /** The owner tag of envelopes decoded from the wire, shown in leak reports. */
  public static final String WIRE_OWNER = "wire";

  private final ExtendedActorSystem system;
  private volatile Node node;

  /** The pool to decode into and the counters of this ActorSystem. */
  private record Node(WirePool wirePool, WireStats stats) {}

  public EventSerializer(ExtendedActorSystem system) {
    this.system = system;
  }

  @Override
  public int identifier() {
    return IDENTIFIER;
  }

  @Override
  public String manifest(Object o) {
    if (o instanceof EventBatch) {
      return BATCH_MANIFEST;
    }
    requireEvent(o);
    return EVENT_MANIFEST;
  }

  /** Writes the event or batch into a new array and recycles it: see the ownership rule above. */
  @Override
  public byte[] toBinary(Object o) {
    if (o instanceof EventBatch batch) {
      if (!batch.take()) {
        byte[] empty = new byte[EventBatchWireFormat.EMPTY_SIZE];
        EventBatchWireFormat.writeEmpty(ByteBuffer.wrap(empty));
        return empty;
      }
      byte[] bytes = new byte[EventBatchWireFormat.encodedSize(batch)];
      writeAndRecycle(batch, ByteBuffer.wrap(bytes));
      return bytes;
    }
    Event event = requireLiveEvent(o);
    byte[] bytes = new byte[EventWireFormat.encodedSize(event)];
    writeAndRecycle(event, ByteBuffer.wrap(bytes));
    return bytes;
  }

  /** Writes at the buffer's position and recycles: see the ownership rule above. */
  @Override
  public void toBinary(Object o, ByteBuffer buf) {
    if (o instanceof EventBatch batch) {
      if (batch.take()) {
        writeAndRecycle(batch, buf);
      } else { // its sender revoked it: the events are not ours
        EventBatchWireFormat.writeEmpty(buf);
      }
    } else {
      writeAndRecycle(requireLiveEvent(o), buf);
    }
  }

  @Override
  public Object fromBinary(byte[] bytes, String manifest) throws NotSerializableException {
    return fromBinary(ByteBuffer.wrap(bytes), manifest);
  }

  /**
   * Validates the buffer's remaining bytes against this system's wire registry, then reads them
   * into an envelope of its wire pool, which the caller owns.
   *
   * @throws MalformedEventException if the manifest is neither {@value #EVENT_MANIFEST} nor {@value
   *     #BATCH_MANIFEST}, or the bytes are not one valid event (or batch) with every id within the
   *     registry; nothing is taken from the pool then
   */
  @Override
  public Object fromBinary(ByteBuffer buf, String manifest) throws NotSerializableException {
    Node services = node();
    int batchCount = -1;
    try {
      IdRegistry ids = services.wirePool().ids();
      if (BATCH_MANIFEST.equals(manifest)) {
        batchCount = EventBatchWireFormat.validate(buf, ids);
      } else if (EVENT_MANIFEST.equals(manifest)) {
        EventWireFormat.validate(buf, ids);
      } else {
        throw new MalformedEventException(
            MalformedEventException.Reason.UNKNOWN_MANIFEST,
            "manifest '"
                + manifest
                + "' is unknown (expected '"
                + EVENT_MANIFEST
                + "' or '"
                + BATCH_MANIFEST
                + "')");
      }
    } catch (MalformedEventException e) {
      services.stats().recordRejected(e.reason());
      throw e;
    }
    services.stats().recordMessageReceived();
    if (batchCount < 0) {
      return readEvent(services, buf, false);
    }
    EventBatch batch = services.wirePool().acquireBatch(batchCount);
    EventBatchWireFormat.skipCount(buf);
    for (int i = 0; i < batchCount; i++) {
      Event event = readEvent(services, buf, true);
      batch.add(event, event.generation());
    }
    services.wirePool().receivedInTransit(batch); // Pekko may still drop it without a trace
    return batch;
  }

  /** One validated event into a new envelope of the wire pool, which the caller then owns. */
  private static Event readEvent(Node services, ByteBuffer buf, boolean inBatch) {
    EventPool pool = services.wirePool().pool();
    Event event = pool.acquire(WIRE_OWNER);
    try {
      if (inBatch) {
        EventBatchWireFormat.readEvent(buf, event);
      } else {
        EventWireFormat.read(buf, event);
      }
    } catch (RuntimeException e) {
      // validate() accepted what read() cannot decode, a codec bug: the envelope still goes back.
      pool.recycler().recycle(event, event.generation(), RecycleReason.REJECTED_INPUT);
      services.stats().recordRejected(MalformedEventException.Reason.LAYOUT);
      throw e;
    }
    services.stats().recordReceived();
    return event;
  }

  /**
   * Writes the batch and recycles every event in it, written or not, then gives the batch back: see
   * the ownership rule above. Every event is attempted; the first refusal is rethrown.
   */
  private void writeAndRecycle(EventBatch batch, ByteBuffer buf) {
    WireStats stats = node().stats();
    int start = buf.position();
    boolean written = false;
    try {
      EventBatchWireFormat.writeCount(batch, buf);
      for (int i = 0; i < batch.size(); i++) {
        EventBatchWireFormat.writeEvent(requireLiveEvent(batch.event(i)), buf);
      }
      written = true;
    } finally {
      if (!written) {
        buf.position(start);
      }
      RuntimeException refused = null;
      for (int i = 0; i < batch.size(); i++) {
        Event event = batch.event(i);
        try {
          if (written) {
            stats.recordSent();
          } else {
            stats.recordEncodeFailure();
          }
          Recycler.recycleToOrigin(
              event,
              batch.generation(i),
              written ? RecycleReason.SENT_TO_NODE : RecycleReason.REJECTED_INPUT);
        } catch (RuntimeException e) {
          refused = refused == null ? e : refused;
        }
      }
      batch.release();
      if (refused != null && written) {
        throw refused;
      }
    }
  }

  private void writeAndRecycle(Event event, ByteBuffer buf) {
    long generation = event.generation(); // the wire holds it under the one it arrived with
    WireStats stats = node().stats();
    boolean written = false;
    try {
      EventWireFormat.write(event, buf);
      written = true;
    } finally {
      // The wire is this envelope's last holder on this node, written or not (class comment).
      if (written) {
        stats.recordSent();
      } else {
        stats.recordEncodeFailure();
      }
      Recycler.recycleToOrigin(
          event, generation, written ? RecycleReason.SENT_TO_NODE : RecycleReason.REJECTED_INPUT);
    }
  }

  private static Event requireEvent(Object o) {
    if (o instanceof Event event) {
      return event;
    }
    throw new IllegalArgumentException(
        "EventSerializer serializes " + Event.class.getName() + " only, got " + o.getClass());
  }

  private static Event requireLiveEvent(Object o) {
    Event event = requireEvent(o);
    if (!event.isLive()) {
      // Somebody used it after giving it up; recycling it again would only throw a double release.
      throw new IllegalStateException(
          "a released envelope was handed to the wire: generation "
              + event.generation()
              + ", last owner '"
              + event.lastOwner()
              + "'");
    }
    return event;
  }

  private Node node() {
    Node local = node;
    if (local == null) {
      ActorSystem<Void> typed = Adapter.toTyped(system);
      local = new Node(WirePool.get(typed), WireStatsExtension.get(typed));
      node = local;
    }
    return local;
  }
}
