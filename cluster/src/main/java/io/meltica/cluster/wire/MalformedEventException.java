package io.meltica.cluster.wire;

import java.io.NotSerializableException;

/**
 * Bytes that are not an event this node can read: a wrong or unknown version, a length that does
 * not match, an ordinal out of range, too many legs, or an unknown manifest. The message names the
 * problem: offset, field, value and what was expected, such as {@code "byte 1: kind ordinal 42 is
 * not a valid EventKind (0..7)"}.
 *
 * <p>It extends {@link NotSerializableException} because that is what Pekko's {@code fromBinary}
 * declares for bytes it cannot read; remoting logs a failed deserialization and drops that one
 * message. Immutable once thrown, so safe to share between threads.
 */
public final class MalformedEventException extends NotSerializableException {
  private static final long serialVersionUID = 1L;

  public MalformedEventException(String message) {
    super(message);
  }
}
