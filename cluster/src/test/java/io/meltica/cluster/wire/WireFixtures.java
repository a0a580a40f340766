package io.meltica.cluster.wire;

import static org.assertj.core.api.Assertions.assertThat;

import io.meltica.protocol.Event;
import io.meltica.protocol.EventFields;
import io.meltica.protocol.EventKind;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;

/** Encodings and malformed variants of them, shared by the wire tests. */
final class WireFixtures {
  private WireFixtures() {}

  /** The v1 bytes of {@code event}, written by the codec (the event stays live). */
  static byte[] encode(Event event) {
    ByteBuffer buf = ByteBuffer.allocate(EventWireFormat.encodedSize(event));
    EventWireFormat.write(event, buf);
    assertThat(buf.hasRemaining()).as("encodedSize matches what write() puts").isFalse();
    return buf.array();
  }

  /** A valid encoding of a fully filled execution report with {@code legs} legs. */
  static byte[] validEncoding(int legs) {
    return encode(EventFields.fill(Event.standalone(), EventKind.EXEC_REPORT, legs, 42));
  }

  /**
   * Valid encodings broken in one way each, with the exact message the reader must give: name,
   * bytes, message.
   */
  static Stream<Arguments> malformed() {
    byte[] twoLegs = validEncoding(2);
    return Stream.of(
        Arguments.of("empty", new byte[0], "truncated: 0 bytes, a v1 event with 0 legs has 129"),
        Arguments.of(
            "version 2", with(twoLegs, 0, 2), "byte 0: version 2 is unknown (this reader knows 1)"),
        Arguments.of(
            "version 255 alone",
            new byte[] {(byte) 255},
            "byte 0: version 255 is unknown (this reader knows 1)"),
        Arguments.of(
            "version 0", with(twoLegs, 0, 0), "byte 0: version 0 is unknown (this reader knows 1)"),
        Arguments.of(
            "shorter than the fixed part",
            Arrays.copyOf(twoLegs, 57),
            "truncated: 57 bytes, a v1 event with 0 legs has 129"),
        Arguments.of(
            "a leg short",
            Arrays.copyOf(twoLegs, 165),
            "truncated: 165 bytes, a v1 event with 2 legs has 201"),
        Arguments.of(
            "trailing garbage",
            Arrays.copyOf(twoLegs, 202),
            "trailing bytes: 202 bytes, a v1 event with 2 legs has 201"),
        Arguments.of(
            "kind 8",
            with(twoLegs, 1, 8),
            "byte 1: kind ordinal 8 is not a valid EventKind (0..7)"),
        Arguments.of(
            "kind 42",
            with(twoLegs, 1, 42),
            "byte 1: kind ordinal 42 is not a valid EventKind (0..7)"),
        Arguments.of(
            "kind 255 (unsigned)",
            with(twoLegs, 1, 255),
            "byte 1: kind ordinal 255 is not a valid EventKind (0..7)"),
        Arguments.of(
            "side 3", with(twoLegs, 62, 3), "byte 62: side ordinal 3 is not a valid Side (0..2)"),
        Arguments.of(
            "exec status 6",
            with(twoLegs, 71, 6),
            "byte 71: exec status ordinal 6 is not a valid ExecStatus (0..5)"),
        Arguments.of("9 legs", with(twoLegs, 128, 9), "byte 128: leg count 9 exceeds 8"),
        Arguments.of("255 legs", with(twoLegs, 128, 255), "byte 128: leg count 255 exceeds 8"),
        Arguments.of(
            "3 legs claimed, 2 present",
            with(twoLegs, 128, 3),
            "truncated: 201 bytes, a v1 event with 3 legs has 237"),
        Arguments.of(
            "1 leg claimed, 2 present",
            with(twoLegs, 128, 1),
            "trailing bytes: 201 bytes, a v1 event with 1 leg has 165"));
  }

  /** A copy of {@code bytes} with byte {@code offset} set to {@code value}. */
  static byte[] with(byte[] bytes, int offset, int value) {
    byte[] copy = bytes.clone();
    copy[offset] = (byte) value;
    return copy;
  }
}
