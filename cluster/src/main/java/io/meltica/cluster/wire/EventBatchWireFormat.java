package io.meltica.cluster.wire;

import io.meltica.protocol.Event;
import io.meltica.protocol.EventBatch;
import io.meltica.protocol.IdRegistry;
import java.nio.BufferOverflowException;
import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * The binary form of an {@link EventBatch} between nodes: a count, then each event in the {@link
 * EventWireFormat} layout behind its length, in the batch's order. Big-endian.
 *
 * <table>
 *   <caption>batch layout</caption>
 *   <tr><th>width</th><th>field</th></tr>
 *   <tr><td>2</td><td>event count n, 1..{@value #MAX_EVENTS}</td></tr>
 *   <tr><td>n &times; (2 + length)</td><td>each event: its length, then its bytes</td></tr>
 * </table>
 *
 * <p>Generations do not travel: the receiver's envelopes have their own. A pure codec, like {@link
 * EventWireFormat}; {@link EventSerializer} plugs it into Pekko serialization and owns the
 * recycling.
 */
public final class EventBatchWireFormat {
  /** Most events one batch may carry on the wire. */
  public static final int MAX_EVENTS = 4096;

  private static final int COUNT_SIZE = Short.BYTES;
  private static final int LENGTH_SIZE = Short.BYTES;

  private EventBatchWireFormat() {}

  /** Bytes {@link #write} puts for {@code batch}. */
  public static int encodedSize(EventBatch batch) {
    int size = COUNT_SIZE;
    for (int i = 0; i < batch.size(); i++) {
      size += LENGTH_SIZE + EventWireFormat.encodedSize(batch.event(i));
    }
    return size;
  }

  /**
   * Writes a batch of no events: what is sent for a batch its sender revoked in transit before it
   * was written (it is delivered as an empty batch).
   */
  static void writeEmpty(ByteBuffer buf) {
    if (buf.remaining() < COUNT_SIZE) {
      throw new BufferOverflowException();
    }
    putUnsignedShort(buf, buf.position(), 0);
    buf.position(buf.position() + COUNT_SIZE);
  }

  /** The size of {@link #writeEmpty}'s bytes. */
  static final int EMPTY_SIZE = COUNT_SIZE;

  /** Writes the count. Nothing is written if it throws. */
  static void writeCount(EventBatch batch, ByteBuffer buf) {
    int count = batch.size();
    if (count < 1 || count > MAX_EVENTS) {
      throw new IllegalArgumentException(
          "a batch on the wire holds 1 to " + MAX_EVENTS + " events, got " + count);
    }
    if (buf.remaining() < COUNT_SIZE) {
      throw new BufferOverflowException();
    }
    putUnsignedShort(buf, buf.position(), count);
    buf.position(buf.position() + COUNT_SIZE);
  }

  /**
   * Writes one event behind its length at the buffer's position. Nothing is written if it throws.
   */
  static void writeEvent(Event event, ByteBuffer buf) {
    int length = EventWireFormat.encodedSize(event);
    if (buf.remaining() < LENGTH_SIZE + length) {
      throw new BufferOverflowException();
    }
    int start = buf.position();
    buf.position(start + LENGTH_SIZE);
    try {
      EventWireFormat.write(event, buf);
    } catch (RuntimeException e) {
      buf.position(start);
      throw e;
    }
    putUnsignedShort(buf, start, length);
  }

  /**
   * Checks that the buffer's remaining bytes are exactly one batch of valid events, each checked as
   * {@link EventWireFormat#validate(ByteBuffer, IdRegistry)} checks one (ids within {@code ids});
   * leaves the buffer's position and limit as they were. One bad event refuses the batch.
   *
   * @return the number of events
   * @throws MalformedEventException naming the event index and what is wrong with it, with the
   *     event's {@link MalformedEventException#reason() reason}
   */
  public static int validate(ByteBuffer buf, IdRegistry ids) throws MalformedEventException {
    return validate(buf, Objects.requireNonNull(ids, "ids"), true);
  }

  /**
   * Checks the layout of a batch and of each of its events, <b>not their ids</b> (see {@link
   * EventWireFormat#validate(ByteBuffer)}); bytes from another node must go through {@link
   * #validate(ByteBuffer, IdRegistry)}.
   *
   * @return the number of events
   * @throws MalformedEventException naming the event index and what is wrong with it
   */
  public static int validate(ByteBuffer buf) throws MalformedEventException {
    return validate(buf, null, false);
  }

  private static int validate(ByteBuffer buf, IdRegistry ids, boolean checkIds)
      throws MalformedEventException {
    int start = buf.position();
    int limit = buf.limit();
    if (buf.remaining() < COUNT_SIZE) {
      throw new MalformedEventException("batch: " + buf.remaining() + " bytes, no event count");
    }
    int count = unsignedShort(buf, start);
    if (count > MAX_EVENTS) { // 0: revoked by its sender before it was written
      throw new MalformedEventException(
          "batch: event count " + count + " is outside 0.." + MAX_EVENTS);
    }
    int at = start + COUNT_SIZE;
    try {
      for (int i = 0; i < count; i++) {
        if (limit - at < LENGTH_SIZE) {
          throw new MalformedEventException(
              "batch event " + i + " of " + count + ": truncated before its length");
        }
        int length = unsignedShort(buf, at);
        at += LENGTH_SIZE;
        if (limit - at < length) {
          throw new MalformedEventException(
              "batch event " + i + " of " + count + ": length " + length + " past the end");
        }
        buf.limit(at + length).position(at);
        try {
          if (checkIds) {
            EventWireFormat.validate(buf, ids);
          } else {
            EventWireFormat.validate(buf);
          }
        } catch (MalformedEventException e) {
          throw new MalformedEventException(
              e.reason(), "batch event " + i + " of " + count + ": " + e.getMessage());
        } finally {
          buf.limit(limit);
        }
        at += length;
      }
      if (at != limit) {
        throw new MalformedEventException(
            "batch: " + (limit - at) + " trailing bytes after " + count + " events");
      }
      return count;
    } finally {
      buf.limit(limit).position(start);
    }
  }

  /** Moves the buffer's position past the count of a {@link #validate validated} batch. */
  static void skipCount(ByteBuffer buf) {
    buf.position(buf.position() + COUNT_SIZE);
  }

  /** Reads the next event of a {@link #validate validated} batch into {@code target}. */
  static void readEvent(ByteBuffer buf, Event target) {
    buf.position(buf.position() + LENGTH_SIZE);
    EventWireFormat.read(buf, target);
  }

  private static int unsignedShort(ByteBuffer buf, int index) {
    return (Byte.toUnsignedInt(buf.get(index)) << 8) | Byte.toUnsignedInt(buf.get(index + 1));
  }

  /** Big-endian whatever the buffer's order, as {@link EventWireFormat} writes. */
  private static void putUnsignedShort(ByteBuffer buf, int index, int value) {
    buf.put(index, (byte) (value >>> 8)).put(index + 1, (byte) value);
  }
}
