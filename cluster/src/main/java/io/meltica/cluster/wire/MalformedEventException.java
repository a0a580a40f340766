package io.meltica.cluster.wire;

import java.io.NotSerializableException;

/**
 * Bytes that are not an event this node can read: a wrong or unknown version, a length that does
 * not match, too many legs, an ordinal or an id out of range, or an unknown manifest. The message
 * names the problem: offset, field, value and what was expected, such as {@code "byte 1: kind
 * ordinal 42 is not a valid EventKind (0..7)"} or {@code "byte 22: instrument id 70000 is outside
 * the registry (0..3)"}; {@link #reason()} says which kind of problem it is, for counting.
 *
 * <p>It extends {@link NotSerializableException} because that is what Pekko's {@code fromBinary}
 * declares for bytes it cannot read; remoting logs a failed deserialization and drops that one
 * message. Immutable once thrown, so safe to share between threads.
 */
public final class MalformedEventException extends NotSerializableException {
  private static final long serialVersionUID = 1L;

  /** Which check refused the bytes. */
  public enum Reason {
    /** Version, length, leg count or batch framing: the bytes are not one event of a layout. */
    LAYOUT,
    /**
     * The layout is right but a value is outside its domain: an enum ordinal past its constants, or
     * an instrument, venue, target strategy or leg venue id outside this node's registry.
     */
    OUT_OF_RANGE,
    /** The manifest names no message this serializer reads. */
    UNKNOWN_MANIFEST
  }

  private final Reason reason;

  /** A refusal of the layout ({@link Reason#LAYOUT}). */
  public MalformedEventException(String message) {
    this(Reason.LAYOUT, message);
  }

  public MalformedEventException(Reason reason, String message) {
    super(message);
    this.reason = reason;
  }

  /** Which check refused the bytes. */
  public Reason reason() {
    return reason;
  }
}
