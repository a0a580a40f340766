package io.meltica.cluster.wire;

import io.meltica.protocol.Event;
import io.meltica.protocol.EventKind;
import io.meltica.protocol.ExecStatus;
import io.meltica.protocol.IdRegistry;
import io.meltica.protocol.Side;
import java.nio.BufferOverflowException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Objects;

/**
 * The binary form of an {@link Event} between nodes: a version byte, then every payload field in a
 * fixed order with a fixed width, big-endian. A pure codec with no Pekko in it; {@link
 * EventSerializer} plugs it into Pekko serialization.
 *
 * <h2>Layout, version 1</h2>
 *
 * <table>
 *   <caption>v1: 129 bytes plus 36 per leg (129..417)</caption>
 *   <tr><th>offset</th><th>width</th><th>field</th></tr>
 *   <tr><td>0</td><td>1</td><td>version, always 1</td></tr>
 *   <tr><td>1</td><td>1</td><td>kind ordinal (0..7, {@link EventKind})</td></tr>
 *   <tr><td>2</td><td>8</td><td>trace id</td></tr>
 *   <tr><td>10</td><td>8</td><td>routing version</td></tr>
 *   <tr><td>18</td><td>4</td><td>venue id (0..venues of the registry)</td></tr>
 *   <tr><td>22</td><td>4</td><td>instrument id (0..instruments of the registry)</td></tr>
 *   <tr><td>26</td><td>8</td><td>venue sequence</td></tr>
 *   <tr><td>34</td><td>8</td><td>event time, epoch nanoseconds</td></tr>
 *   <tr><td>42</td><td>4</td><td>target strategy id (not negative)</td></tr>
 *   <tr><td>46</td><td>8</td><td>price</td></tr>
 *   <tr><td>54</td><td>8</td><td>quantity</td></tr>
 *   <tr><td>62</td><td>1</td><td>side ordinal (0..2, {@link Side})</td></tr>
 *   <tr><td>63</td><td>8</td><td>order id</td></tr>
 *   <tr><td>71</td><td>1</td><td>exec status ordinal (0..5, {@link ExecStatus})</td></tr>
 *   <tr><td>72</td><td>8</td><td>filled quantity</td></tr>
 *   <tr><td>80</td><td>8</td><td>leaves quantity</td></tr>
 *   <tr><td>88</td><td>8</td><td>bid price</td></tr>
 *   <tr><td>96</td><td>8</td><td>bid size</td></tr>
 *   <tr><td>104</td><td>8</td><td>ask price</td></tr>
 *   <tr><td>112</td><td>8</td><td>ask size</td></tr>
 *   <tr><td>120</td><td>8</td><td>correlation id</td></tr>
 *   <tr><td>128</td><td>1</td><td>leg count n (0..{@value Event#MAX_LEGS})</td></tr>
 *   <tr><td>129 + 36 i</td><td>4 + 4 &times; 8</td><td>leg i: venue id (1..venues), bid price,
 *       bid size, ask price, ask size</td></tr>
 * </table>
 *
 * <p><b>Not sent:</b> ingest time, dispatch time and fan-out sequence. They are {@link
 * System#nanoTime()} readings and a router sample number, meaningless in another JVM. {@link #read}
 * sets the ingest time to the reader's own {@code System.nanoTime()} at decode (latency on the
 * receiving node starts when the event arrives there) and leaves the other two 0, as a fresh
 * envelope has them.
 *
 * <p>An accepted encoding is canonical: every byte is either a field, checked ({@link #validate})
 * or both, so decoding and encoding again gives the same bytes.
 *
 * <h2>Bytes from a peer are checked against the registry</h2>
 *
 * {@link #validate(ByteBuffer, IdRegistry)} checks, besides the layout and the enum ordinals, every
 * id the layout carries against the reading node's {@link IdRegistry}, the one its pipeline's
 * {@code EventValidator} uses: venue and instrument ids within {@code 0..count} (0 is "none", as at
 * the pipeline's entrances), each leg's venue id within {@code 1..venueCount} (a leg always names a
 * venue), and the target strategy id not negative (0 is "every subscriber"; strategy ids have no
 * registry, and nothing on the receiving side sizes a table from one). The tables Meltica sizes
 * from the registry (a strategy mailbox's conflation slots among them) must never see an id from
 * outside it: a peer is not trusted to have the same registry, or to be honest.
 *
 * <p>{@link #validate(ByteBuffer)} checks the layout and ordinals only: for bytes this node wrote
 * itself, or whose ids are checked elsewhere. Bytes from another node go through the registry.
 *
 * <h2>Versions</h2>
 *
 * A reader rejects a version it does not know, naming it. To add v2 (say, a new field): add {@code
 * VERSION_2} with its own layout constants, make {@link #validate} and {@link #read} switch on the
 * version byte and accept both, and keep {@link #write} writing v1. Ship that everywhere (every
 * node now reads both), then, in a second rolling upgrade, switch {@link #write} to v2. The Pekko
 * manifest stays "E1": it names the message class, the version byte names the layout.
 *
 * <h2>Concurrency</h2>
 *
 * Stateless; every method may be called from any thread. The buffers and events passed in belong to
 * the caller for the duration of the call ({@link ByteBuffer} and {@link Event} are not
 * thread-safe). {@link #write} and {@link #read} allocate nothing.
 */
public final class EventWireFormat {
  /** The layout this class writes, the first byte of every encoding. */
  public static final byte VERSION_1 = 1;

  /** Bytes of a v1 event with no legs. */
  public static final int FIXED_SIZE = 129;

  /** Bytes each leg adds: venue id int and four longs. */
  public static final int LEG_SIZE = Integer.BYTES + 4 * Long.BYTES;

  /** Bytes of the longest v1 event ({@value Event#MAX_LEGS} legs). */
  public static final int MAX_SIZE = FIXED_SIZE + Event.MAX_LEGS * LEG_SIZE;

  // Offsets of the bytes validate() checks; the golden-bytes test pins them to write().
  static final int OFFSET_VERSION = 0;
  static final int OFFSET_KIND = 1;
  static final int OFFSET_VENUE = 18;
  static final int OFFSET_INSTRUMENT = 22;
  static final int OFFSET_TARGET_STRATEGY = 42;
  static final int OFFSET_SIDE = 62;
  static final int OFFSET_EXEC_STATUS = 71;
  static final int OFFSET_LEG_COUNT = 128;

  /** Offset of leg {@code i}'s venue id: {@value #FIXED_SIZE} + {@value #LEG_SIZE} i. */
  static int offsetOfLegVenue(int leg) {
    return FIXED_SIZE + leg * LEG_SIZE;
  }

  // values() copies its array on every call: count the constants once.
  private static final int KIND_COUNT = EventKind.values().length;
  private static final int SIDE_COUNT = Side.values().length;
  private static final int EXEC_STATUS_COUNT = ExecStatus.values().length;

  private EventWireFormat() {}

  /** Bytes {@link #write} puts for {@code event}: {@value #FIXED_SIZE} plus 36 per leg. */
  public static int encodedSize(Event event) {
    return FIXED_SIZE + event.legCount() * LEG_SIZE;
  }

  /**
   * Writes {@code event} as v1 at the buffer's position and advances it by {@link #encodedSize}.
   * Big-endian whatever the buffer's order (restored before returning). Nothing is written if it
   * throws.
   *
   * @throws IllegalArgumentException if kind, side or exec status is null (no ordinal to send)
   * @throws BufferOverflowException if fewer than {@link #encodedSize} bytes remain
   */
  public static void write(Event event, ByteBuffer buf) {
    EventKind kind = event.kind();
    Side side = event.side();
    ExecStatus execStatus = event.execStatus();
    if (kind == null || side == null || execStatus == null) {
      throw new IllegalArgumentException(
          "cannot encode an event without kind, side or exec status: kind="
              + kind
              + " side="
              + side
              + " execStatus="
              + execStatus);
    }
    int legCount = event.legCount();
    if (buf.remaining() < FIXED_SIZE + legCount * LEG_SIZE) {
      throw new BufferOverflowException();
    }
    ByteOrder callerOrder = buf.order();
    buf.order(ByteOrder.BIG_ENDIAN);
    try {
      buf.put(VERSION_1)
          .put((byte) kind.ordinal())
          .putLong(event.traceId())
          .putLong(event.routingVersion())
          .putInt(event.venueId())
          .putInt(event.instrumentId())
          .putLong(event.venueSequence())
          .putLong(event.eventTimeNanos())
          .putInt(event.targetStrategyId())
          .putLong(event.price())
          .putLong(event.quantity())
          .put((byte) side.ordinal())
          .putLong(event.orderId())
          .put((byte) execStatus.ordinal())
          .putLong(event.filledQuantity())
          .putLong(event.leavesQuantity())
          .putLong(event.bidPrice())
          .putLong(event.bidSize())
          .putLong(event.askPrice())
          .putLong(event.askSize())
          .putLong(event.correlationId())
          .put((byte) legCount);
      for (int leg = 0; leg < legCount; leg++) {
        buf.putInt(event.legVenueId(leg))
            .putLong(event.legBidPrice(leg))
            .putLong(event.legBidSize(leg))
            .putLong(event.legAskPrice(leg))
            .putLong(event.legAskSize(leg));
      }
    } finally {
      buf.order(callerOrder);
    }
  }

  /**
   * Checks that the buffer's remaining bytes are exactly one event this reader can decode, and that
   * every id in it is within {@code ids}: a known version, the exact length its leg count calls
   * for, ordinals in range, and the id ranges of the class comment. Stores nothing and leaves the
   * buffer's position, limit and order as they were (it reads bytes at absolute indexes, which
   * needs neither a duplicate nor a byte order). Allocates only to describe a refusal.
   *
   * @param ids the reading node's registry
   * @throws MalformedEventException naming the offset, field, value and what was expected: {@link
   *     MalformedEventException.Reason#LAYOUT} for the layout, {@link
   *     MalformedEventException.Reason#OUT_OF_RANGE} for an ordinal or an id
   */
  public static void validate(ByteBuffer buf, IdRegistry ids) throws MalformedEventException {
    Objects.requireNonNull(ids, "ids");
    int legCount = validateLayout(buf);
    checkIds(buf, buf.position(), legCount, ids.instrumentCount(), ids.venueCount());
  }

  /**
   * Checks the layout and the enum ordinals only, as {@link #validate(ByteBuffer, IdRegistry)}
   * does, but <b>not the ids</b>: for bytes this node wrote, or whose ids the caller checks itself.
   * Bytes from another node must go through {@link #validate(ByteBuffer, IdRegistry)}.
   *
   * @throws MalformedEventException naming the offset, field, value and what was expected
   */
  public static void validate(ByteBuffer buf) throws MalformedEventException {
    validateLayout(buf);
  }

  /** The layout and ordinal checks of both {@code validate}s; returns the leg count. */
  private static int validateLayout(ByteBuffer buf) throws MalformedEventException {
    int start = buf.position();
    int length = buf.remaining();
    if (length == 0) {
      throw truncated(length, 0);
    }
    int version = unsigned(buf, start, OFFSET_VERSION);
    if (version != VERSION_1) {
      throw new MalformedEventException(
          "byte "
              + OFFSET_VERSION
              + ": version "
              + version
              + " is unknown (this reader knows "
              + VERSION_1
              + ")");
    }
    if (length < FIXED_SIZE) {
      throw truncated(length, 0);
    }
    int legCount = unsigned(buf, start, OFFSET_LEG_COUNT);
    if (legCount > Event.MAX_LEGS) {
      throw new MalformedEventException(
          "byte " + OFFSET_LEG_COUNT + ": leg count " + legCount + " exceeds " + Event.MAX_LEGS);
    }
    int expected = FIXED_SIZE + legCount * LEG_SIZE;
    if (length < expected) {
      throw truncated(length, legCount);
    }
    if (length > expected) {
      throw new MalformedEventException(
          "trailing bytes: " + length + " bytes, a v1 event with " + legs(legCount) + expected);
    }
    checkOrdinal(buf, start, OFFSET_KIND, "kind", KIND_COUNT, EventKind.class);
    checkOrdinal(buf, start, OFFSET_SIDE, "side", SIDE_COUNT, Side.class);
    checkOrdinal(
        buf, start, OFFSET_EXEC_STATUS, "exec status", EXEC_STATUS_COUNT, ExecStatus.class);
    return legCount;
  }

  /** The id checks of the class comment, in offset order, on a buffer whose layout is valid. */
  private static void checkIds(ByteBuffer buf, int start, int legCount, int instruments, int venues)
      throws MalformedEventException {
    checkId(buf, start, OFFSET_VENUE, "venue id", 0, venues);
    checkId(buf, start, OFFSET_INSTRUMENT, "instrument id", 0, instruments);
    int target = bigEndianInt(buf, start + OFFSET_TARGET_STRATEGY);
    if (target < 0) {
      throw new MalformedEventException(
          MalformedEventException.Reason.OUT_OF_RANGE,
          "byte "
              + OFFSET_TARGET_STRATEGY
              + ": target strategy id "
              + target
              + " is negative (0 is every subscriber)");
    }
    for (int leg = 0; leg < legCount; leg++) {
      checkId(buf, start, offsetOfLegVenue(leg), leg, "venue id", 1, venues);
    }
  }

  private static void checkId(ByteBuffer buf, int start, int offset, String field, int min, int max)
      throws MalformedEventException {
    checkId(buf, start, offset, -1, field, min, max);
  }

  /** Checks the id at {@code offset}; the field's name is built only for a refusal. */
  private static void checkId(
      ByteBuffer buf, int start, int offset, int leg, String field, int min, int max)
      throws MalformedEventException {
    int id = bigEndianInt(buf, start + offset);
    if (id < min || id > max) {
      throw new MalformedEventException(
          MalformedEventException.Reason.OUT_OF_RANGE,
          "byte "
              + offset
              + ": "
              + (leg < 0 ? "" : "leg " + leg + " ")
              + field
              + " "
              + id
              + " is outside the registry ("
              + min
              + ".."
              + max
              + ")");
    }
  }

  /**
   * Reads one event from the buffer's position into {@code target}, which it {@link Event#reset
   * resets} first, and advances the position past it. Sets the ingest time to this JVM's {@link
   * System#nanoTime()}; dispatch time and fan-out sequence stay 0. The caller must have {@link
   * #validate validated} the buffer: on anything else the result is undefined.
   */
  public static void read(ByteBuffer buf, Event target) {
    ByteOrder callerOrder = buf.order();
    buf.order(ByteOrder.BIG_ENDIAN);
    try {
      buf.get(); // the version, checked by validate(): v1 is the only layout so far
      target.reset();
      target
          .setKind(EventKind.ofOrdinal(buf.get()))
          .setTraceId(buf.getLong())
          .setRoutingVersion(buf.getLong())
          .setVenueId(buf.getInt())
          .setInstrumentId(buf.getInt())
          .setVenueSequence(buf.getLong())
          .setEventTimeNanos(buf.getLong())
          .setTargetStrategyId(buf.getInt())
          .setPrice(buf.getLong())
          .setQuantity(buf.getLong())
          .setSide(Side.ofOrdinal(buf.get()))
          .setOrderId(buf.getLong())
          .setExecStatus(ExecStatus.ofOrdinal(buf.get()))
          .setFilledQuantity(buf.getLong())
          .setLeavesQuantity(buf.getLong())
          // Java evaluates arguments left to right: bid price, bid size, ask price, ask size.
          .setTopOfBook(buf.getLong(), buf.getLong(), buf.getLong(), buf.getLong())
          .setCorrelationId(buf.getLong());
      int legCount = buf.get();
      for (int leg = 0; leg < legCount; leg++) {
        target.addLeg(buf.getInt(), buf.getLong(), buf.getLong(), buf.getLong(), buf.getLong());
      }
      // A nanoTime from the sender's JVM means nothing here: latency restarts at arrival.
      target.setIngestTimeNanos(System.nanoTime());
    } finally {
      buf.order(callerOrder);
    }
  }

  private static int unsigned(ByteBuffer buf, int start, int offset) {
    return Byte.toUnsignedInt(buf.get(start + offset));
  }

  /** The big-endian int at {@code index}, whatever the buffer's order. */
  private static int bigEndianInt(ByteBuffer buf, int index) {
    return (buf.get(index) << 24)
        | (Byte.toUnsignedInt(buf.get(index + 1)) << 16)
        | (Byte.toUnsignedInt(buf.get(index + 2)) << 8)
        | Byte.toUnsignedInt(buf.get(index + 3));
  }

  private static void checkOrdinal(
      ByteBuffer buf, int start, int offset, String field, int count, Class<?> type)
      throws MalformedEventException {
    int ordinal = unsigned(buf, start, offset);
    if (ordinal >= count) {
      throw new MalformedEventException(
          MalformedEventException.Reason.OUT_OF_RANGE,
          "byte "
              + offset
              + ": "
              + field
              + " ordinal "
              + ordinal
              + " is not a valid "
              + type.getSimpleName()
              + " (0.."
              + (count - 1)
              + ")");
    }
  }

  private static MalformedEventException truncated(int length, int legCount) {
    return new MalformedEventException(
        "truncated: "
            + length
            + " bytes, a v1 event with "
            + legs(legCount)
            + (FIXED_SIZE + legCount * LEG_SIZE));
  }

  private static String legs(int legCount) {
    return legCount + (legCount == 1 ? " leg has " : " legs has ");
  }
}
