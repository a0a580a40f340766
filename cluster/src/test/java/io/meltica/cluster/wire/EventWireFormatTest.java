package io.meltica.cluster.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.meltica.protocol.Event;
import io.meltica.protocol.EventFields;
import io.meltica.protocol.EventKind;
import io.meltica.protocol.ExecStatus;
import io.meltica.protocol.IdRegistry;
import io.meltica.protocol.Side;
import java.nio.BufferOverflowException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The codec alone, without Pekko: layout, round trips, buffer handling, validation messages. */
class EventWireFormatTest {

  static Stream<Arguments> kindsAndLegCounts() {
    return Stream.of(EventKind.values())
        .flatMap(kind -> Stream.of(0, 1, Event.MAX_LEGS).map(legs -> Arguments.of(kind, legs)));
  }

  @ParameterizedTest(name = "{0} with {1} legs")
  @MethodSource("kindsAndLegCounts")
  void shouldRoundTripEveryPayloadFieldOfEveryKind(EventKind kind, int legs) throws Exception {
    Event original = EventFields.fill(Event.standalone(), kind, legs, kind.ordinal() * 100L);
    ByteBuffer buf = ByteBuffer.wrap(WireFixtures.encode(original));
    assertThat(buf.remaining()).isEqualTo(EventWireFormat.FIXED_SIZE + legs * 36);

    EventWireFormat.validate(buf);
    Event decoded = Event.standalone();
    EventWireFormat.read(buf, decoded);

    assertThat(buf.hasRemaining()).isFalse();
    EventFields.assertSameWirePayload(decoded, original);
  }

  @Test
  void shouldKeepNodeLocalTimesOffTheWireAndStampIngestAtDecode() {
    Event original = EventFields.fill(Event.standalone(), EventKind.TRADE, 0, 7);
    byte[] bytes = WireFixtures.encode(original);
    original.setIngestTimeNanos(1).setDispatch(2, 3);
    assertThat(WireFixtures.encode(original))
        .as("node-local fields change no byte")
        .isEqualTo(bytes);

    Event decoded = EventFields.fill(Event.standalone(), EventKind.QUOTE, 3, 9);
    long before = System.nanoTime();
    EventWireFormat.read(ByteBuffer.wrap(bytes), decoded);
    long after = System.nanoTime();

    assertThat(decoded.ingestTimeNanos()).isBetween(before, after);
    assertThat(decoded.dispatchTimeNanos()).isZero();
    assertThat(decoded.fanOutSequence()).isZero();
    assertThat(decoded.legCount()).as("the target is reset first").isZero();
  }

  @Test
  void shouldWriteTheDocumentedV1LayoutBigEndian() {
    Event event =
        Event.standalone()
            .setKind(EventKind.QUOTE)
            .setTraceId(0x0102030405060708L)
            .setRoutingVersion(2)
            .setVenueId(3)
            .setInstrumentId(4)
            .setVenueSequence(5)
            .setEventTimeNanos(6)
            .setTargetStrategyId(7)
            .setPrice(8)
            .setQuantity(9)
            .setSide(Side.SELL)
            .setOrderId(10)
            .setExecStatus(ExecStatus.FILLED)
            .setFilledQuantity(11)
            .setLeavesQuantity(12)
            .setTopOfBook(13, 14, 15, 16)
            .setCorrelationId(17)
            .addLeg(18, 19, 20, 21, 22);
    String expected =
        "01" // 0 version
            + "01" // 1 kind QUOTE
            + "0102030405060708" // 2 trace id
            + "0000000000000002" // 10 routing version
            + "00000003" // 18 venue id
            + "00000004" // 22 instrument id
            + "0000000000000005" // 26 venue sequence
            + "0000000000000006" // 34 event time
            + "00000007" // 42 target consumer
            + "0000000000000008" // 46 price
            + "0000000000000009" // 54 quantity
            + "02" // 62 side SELL
            + "000000000000000a" // 63 order id
            + "03" // 71 exec status FILLED
            + "000000000000000b" // 72 filled
            + "000000000000000c" // 80 leaves
            + "000000000000000d" // 88 bid price
            + "000000000000000e" // 96 bid size
            + "000000000000000f" // 104 ask price
            + "0000000000000010" // 112 ask size
            + "0000000000000011" // 120 correlation id
            + "01" // 128 leg count
            + "00000012" // 129 leg 0 venue id
            + "0000000000000013" // 133 leg 0 bid price
            + "0000000000000014" // 141 leg 0 bid size
            + "0000000000000015" // 149 leg 0 ask price
            + "0000000000000016"; // 157 leg 0 ask size

    assertThat(HexFormat.of().formatHex(WireFixtures.encode(event))).isEqualTo(expected);
  }

  @Test
  void shouldSizeEventsFrom129To417Bytes() {
    Event event = Event.standalone();
    assertThat(EventWireFormat.encodedSize(event)).isEqualTo(129);
    EventFields.fill(event, EventKind.CONSOLIDATED_QUOTE, Event.MAX_LEGS, 1);
    assertThat(EventWireFormat.encodedSize(event))
        .isEqualTo(EventWireFormat.MAX_SIZE)
        .isEqualTo(417);
  }

  @Test
  void shouldUseTheBufferPositionAndBigEndianWhateverTheBufferOrder() throws Exception {
    Event original = EventFields.fill(Event.standalone(), EventKind.BOOK_DELTA, 2, 5);
    byte[] expected = WireFixtures.encode(original);
    // Artery hands serializers little-endian buffers with a header before the payload.
    ByteBuffer buf = ByteBuffer.allocateDirect(300).order(ByteOrder.LITTLE_ENDIAN);
    buf.position(11);

    EventWireFormat.write(original, buf);

    assertThat(buf.position()).isEqualTo(11 + expected.length);
    assertThat(buf.order()).isEqualTo(ByteOrder.LITTLE_ENDIAN);
    byte[] written = new byte[expected.length];
    buf.flip().position(11);
    buf.duplicate().get(written);
    assertThat(written).isEqualTo(expected);

    EventWireFormat.validate(buf);
    assertThat(buf.position()).as("validate leaves the position").isEqualTo(11);
    Event decoded = Event.standalone();
    EventWireFormat.read(buf, decoded);
    assertThat(buf.position()).isEqualTo(buf.limit());
    assertThat(buf.order()).isEqualTo(ByteOrder.LITTLE_ENDIAN);
    EventFields.assertSameWirePayload(decoded, original);
  }

  @Test
  void shouldWriteNothingWhenTheBufferIsTooSmall() {
    Event event = EventFields.fill(Event.standalone(), EventKind.QUOTE, 1, 3);
    ByteBuffer buf = ByteBuffer.allocate(EventWireFormat.encodedSize(event) - 1);

    assertThatThrownBy(() -> EventWireFormat.write(event, buf))
        .isInstanceOf(BufferOverflowException.class);
    assertThat(buf.position()).isZero();
  }

  @Test
  void shouldRefuseToWriteAnEventWithoutKindOrEnums() {
    ByteBuffer buf = ByteBuffer.allocate(EventWireFormat.MAX_SIZE);

    assertThatThrownBy(() -> EventWireFormat.write(Event.standalone(), buf))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("kind=null");
    Event noSide = Event.standalone().setKind(EventKind.TRADE).setSide(null);
    assertThatThrownBy(() -> EventWireFormat.write(noSide, buf)).hasMessageContaining("side=null");
    Event noStatus = Event.standalone().setKind(EventKind.TRADE).setExecStatus(null);
    assertThatThrownBy(() -> EventWireFormat.write(noStatus, buf))
        .hasMessageContaining("execStatus=null");
    assertThat(buf.position()).isZero();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("io.meltica.cluster.wire.WireFixtures#malformed")
  void shouldNameWhatIsWrongAndLeaveTheBufferAsItWas(String name, byte[] bytes, String message) {
    ByteBuffer buf = ByteBuffer.allocate(bytes.length + 4);
    buf.position(3);
    buf.put(bytes).limit(3 + bytes.length).position(3);

    assertThatThrownBy(() -> EventWireFormat.validate(buf))
        .isInstanceOf(MalformedEventException.class)
        .hasMessage(message);
    assertThat(buf.position()).isEqualTo(3);
    assertThat(buf.limit()).isEqualTo(3 + bytes.length);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("io.meltica.cluster.wire.WireFixtures#outOfRange")
  void shouldRefuseAnIdOutsideTheRegistryNamingOffsetFieldAndValue(
      String name, byte[] bytes, String message) throws Exception {
    ByteBuffer buf = ByteBuffer.allocateDirect(bytes.length + 5).order(ByteOrder.LITTLE_ENDIAN);
    buf.position(5);
    buf.put(bytes).flip().position(5);

    assertThatThrownBy(() -> EventWireFormat.validate(buf, WireFixtures.IDS))
        .isInstanceOf(MalformedEventException.class)
        .hasMessage(message)
        .extracting(e -> ((MalformedEventException) e).reason())
        .isEqualTo(MalformedEventException.Reason.OUT_OF_RANGE);
    assertThat(buf.position()).isEqualTo(5);
    assertThat(buf.order()).isEqualTo(ByteOrder.LITTLE_ENDIAN);
    EventWireFormat.validate(buf); // the layout-only check does not look at ids
  }

  @Test
  void shouldAcceptIdsAtTheEdgesOfTheRegistryAndNone() throws Exception {
    IdRegistry ids = IdRegistry.of(List.of("A", "B"), List.of("x", "y", "z"));
    Event edges =
        EventFields.fill(Event.standalone(), EventKind.CONSOLIDATED_QUOTE, 0, 3)
            .setInstrumentId(2)
            .setVenueId(3)
            .setTargetStrategyId(Integer.MAX_VALUE)
            .addLeg(1, 1, 1, 1, 1)
            .addLeg(3, 1, 1, 1, 1);
    Event none =
        EventFields.fill(Event.standalone(), EventKind.EXEC_REPORT, 0, 4)
            .setInstrumentId(0)
            .setVenueId(0)
            .setTargetStrategyId(Event.NO_TARGET);

    EventWireFormat.validate(ByteBuffer.wrap(WireFixtures.encode(edges)), ids);
    EventWireFormat.validate(ByteBuffer.wrap(WireFixtures.encode(none)), ids);
    assertThatThrownBy(
            () ->
                EventWireFormat.validate(
                    ByteBuffer.wrap(WireFixtures.encode(edges.setInstrumentId(3))), ids))
        .hasMessage("byte 22: instrument id 3 is outside the registry (0..2)");
  }

  @Test
  void shouldCheckTheLayoutBeforeTheIds() {
    byte[] bothWrong =
        WireFixtures.with(
            WireFixtures.withInt(
                WireFixtures.validEncoding(1), EventWireFormat.OFFSET_INSTRUMENT, 1 << 20),
            EventWireFormat.OFFSET_KIND,
            200);

    assertThatThrownBy(() -> EventWireFormat.validate(ByteBuffer.wrap(bothWrong), WireFixtures.IDS))
        .hasMessageStartingWith("byte 1: kind ordinal 200");
  }
}
