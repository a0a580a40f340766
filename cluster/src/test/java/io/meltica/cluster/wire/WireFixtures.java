package io.meltica.cluster.wire;

import static org.assertj.core.api.Assertions.assertThat;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.meltica.protocol.Event;
import io.meltica.protocol.EventFields;
import io.meltica.protocol.EventKind;
import io.meltica.protocol.IdRegistry;
import java.lang.reflect.Field;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;
import org.junit.jupiter.params.provider.Arguments;

/** Encodings and malformed variants of them, shared by the wire tests. */
final class WireFixtures {
  /**
   * The registry a test node checks ids against until a pipeline replaces it: the {@code
   * meltica.instruments} and {@code meltica.venues} of the configuration (3 and 3 in
   * reference.conf).
   */
  static final IdRegistry IDS = registryOf(ConfigFactory.load());

  private static final Field LEG_VENUE_IDS =
      EventFields.payloadFields().stream()
          .filter(field -> field.getName().equals("legVenueIds"))
          .findFirst()
          .orElseThrow();

  private WireFixtures() {}

  static IdRegistry registryOf(Config config) {
    return IdRegistry.of(
        config.getStringList("meltica.instruments"), config.getStringList("meltica.venues"));
  }

  /**
   * {@link EventFields#fill} with every id then moved into {@code ids} (the rest of the payload as
   * fill left it): what a peer with the same registry sends.
   */
  static Event fill(Event event, EventKind kind, int legs, long seed, IdRegistry ids) {
    EventFields.fill(event, kind, legs, seed);
    return inRegistry(event, ids);
  }

  /** {@link #fill(Event, EventKind, int, long, IdRegistry)} in {@link #IDS}. */
  static Event fill(Event event, EventKind kind, int legs, long seed) {
    return fill(event, kind, legs, seed, IDS);
  }

  /** Moves every id of {@code event} into {@code ids}, keeping it as varied as it was. */
  static Event inRegistry(Event event, IdRegistry ids) {
    event
        .setVenueId(1 + Math.floorMod(event.venueId(), ids.venueCount()))
        .setInstrumentId(1 + Math.floorMod(event.instrumentId(), ids.instrumentCount()))
        .setTargetStrategyId(event.targetStrategyId() & Integer.MAX_VALUE);
    int[] legVenues = (int[]) EventFields.read(LEG_VENUE_IDS, event);
    for (int leg = 0; leg < event.legCount(); leg++) {
      legVenues[leg] = 1 + Math.floorMod(legVenues[leg], ids.venueCount());
    }
    return event;
  }

  /** The v1 bytes of {@code event}, written by the codec (the event stays live). */
  static byte[] encode(Event event) {
    ByteBuffer buf = ByteBuffer.allocate(EventWireFormat.encodedSize(event));
    EventWireFormat.write(event, buf);
    assertThat(buf.hasRemaining()).as("encodedSize matches what write() puts").isFalse();
    return buf.array();
  }

  /** A valid encoding (ids in {@link #IDS}) of a fully filled execution report. */
  static byte[] validEncoding(int legs) {
    return encode(fill(Event.standalone(), EventKind.EXEC_REPORT, legs, 42));
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

  /**
   * Well-formed encodings (a consolidated quote with two legs, ids in {@link #IDS} of 3 instruments
   * and 3 venues) with one id out of range each, and the exact message the reader must give: name,
   * bytes, message.
   */
  static Stream<Arguments> outOfRange() {
    byte[] quote = encode(fill(Event.standalone(), EventKind.CONSOLIDATED_QUOTE, 2, 7));
    int leg0 = EventWireFormat.offsetOfLegVenue(0);
    int leg1 = EventWireFormat.offsetOfLegVenue(1);
    return Stream.of(
        Arguments.of(
            "instrument id just past the registry",
            withInt(quote, EventWireFormat.OFFSET_INSTRUMENT, 4),
            "byte 22: instrument id 4 is outside the registry (0..3)"),
        Arguments.of(
            "a large instrument id",
            withInt(quote, EventWireFormat.OFFSET_INSTRUMENT, Integer.MAX_VALUE),
            "byte 22: instrument id 2147483647 is outside the registry (0..3)"),
        Arguments.of(
            "a negative instrument id",
            withInt(quote, EventWireFormat.OFFSET_INSTRUMENT, -1),
            "byte 22: instrument id -1 is outside the registry (0..3)"),
        Arguments.of(
            "venue id past the registry",
            withInt(quote, EventWireFormat.OFFSET_VENUE, 70_000),
            "byte 18: venue id 70000 is outside the registry (0..3)"),
        Arguments.of(
            "a negative venue id",
            withInt(quote, EventWireFormat.OFFSET_VENUE, Integer.MIN_VALUE),
            "byte 18: venue id -2147483648 is outside the registry (0..3)"),
        Arguments.of(
            "a negative target strategy id",
            withInt(quote, EventWireFormat.OFFSET_TARGET_STRATEGY, -5),
            "byte 42: target strategy id -5 is negative (0 is every subscriber)"),
        Arguments.of(
            "leg 0 venue id past the registry",
            withInt(quote, leg0, 4),
            "byte 129: leg 0 venue id 4 is outside the registry (1..3)"),
        Arguments.of(
            "leg 1 venue id 0 (a leg names a venue)",
            withInt(quote, leg1, 0),
            "byte 165: leg 1 venue id 0 is outside the registry (1..3)"),
        Arguments.of(
            "a large leg venue id",
            withInt(quote, leg1, 1 << 30),
            "byte 165: leg 1 venue id 1073741824 is outside the registry (1..3)"));
  }

  /** A copy of {@code bytes} with byte {@code offset} set to {@code value}. */
  static byte[] with(byte[] bytes, int offset, int value) {
    byte[] copy = bytes.clone();
    copy[offset] = (byte) value;
    return copy;
  }

  /** A copy of {@code bytes} with the big-endian int at {@code offset} set to {@code value}. */
  static byte[] withInt(byte[] bytes, int offset, int value) {
    byte[] copy = bytes.clone();
    ByteBuffer.wrap(copy).putInt(offset, value);
    return copy;
  }

  /** Copies of {@code valid} with one to four bytes, at offsets drawn from {@code at}, replaced. */
  static Arbitrary<byte[]> overwritten(byte[] valid, Arbitrary<Integer> at) {
    Arbitrary<Tuple.Tuple2<Integer, Byte>> change =
        Combinators.combine(at, Arbitraries.bytes()).as(Tuple::of);
    return change
        .list()
        .ofMinSize(1)
        .ofMaxSize(4)
        .map(
            changes -> {
              byte[] copy = valid.clone();
              changes.forEach(c -> copy[c.get1()] = c.get2());
              return copy;
            });
  }
}
