package io.meltica.cluster.wire;

import static org.assertj.core.api.Assertions.assertThat;

import io.meltica.pool.EventPool;
import io.meltica.pool.RecycleReason;
import io.meltica.protocol.Event;
import io.meltica.protocol.EventKind;
import java.io.NotSerializableException;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import net.jqwik.api.statistics.Statistics;

/**
 * Whatever bytes arrive, the serializer either refuses them with a {@link MalformedEventException}
 * or hands out one envelope, and the wire pool has nothing in use afterwards. What it accepts has
 * every id within the node's registry. (WireToMailboxFuzzTest goes on to deliver what is accepted
 * to a strategy on its real mailbox.)
 */
class EventWireFuzzTest {
  private static final List<Integer> CHECKED_OFFSETS =
      List.of(
          EventWireFormat.OFFSET_VERSION,
          EventWireFormat.OFFSET_KIND,
          EventWireFormat.OFFSET_VENUE + 3, // the low byte: small ids, in range or just past it
          EventWireFormat.OFFSET_INSTRUMENT + 3,
          EventWireFormat.OFFSET_TARGET_STRATEGY,
          EventWireFormat.OFFSET_SIDE,
          EventWireFormat.OFFSET_EXEC_STATUS,
          EventWireFormat.OFFSET_LEG_COUNT);

  private static WireTestNode node;

  @BeforeContainer
  static void startSystem() {
    node = WireTestNode.start("EventWireFuzzTest");
  }

  @AfterContainer
  static void stopSystem() {
    node.shutDown();
  }

  @Property(tries = 2000)
  void shouldSurviveArbitraryBytes(@ForAll @Size(max = 500) byte[] bytes) throws Exception {
    decodeOrRefuse(bytes);
  }

  @Property(tries = 2000)
  void shouldSurviveArbitraryBytesAfterAValidVersion(
      @ForAll @Size(min = EventWireFormat.FIXED_SIZE, max = EventWireFormat.MAX_SIZE) byte[] bytes)
      throws Exception {
    bytes[0] = EventWireFormat.VERSION_1;
    decodeOrRefuse(bytes);
  }

  @Property(tries = 3000)
  void shouldSurviveMutatedValidEncodings(@ForAll("mutatedEncodings") byte[] bytes)
      throws Exception {
    decodeOrRefuse(bytes);
  }

  @Property(tries = 300)
  void shouldDecodeEveryValidEncoding(@ForAll("encodings") byte[] bytes) throws Exception {
    assertThat(decodeOrRefuse(bytes)).isTrue();
  }

  /**
   * Decodes through the serializer. Any exception but MalformedEventException fails the property;
   * an accepted buffer must be canonical (encoding the result again gives the same bytes).
   *
   * @return whether the bytes were accepted
   */
  private static boolean decodeOrRefuse(byte[] bytes) throws NotSerializableException {
    EventPool pool = node.wirePool();
    boolean accepted;
    try {
      Event decoded = (Event) node.serializer.fromBinary(bytes, EventSerializer.EVENT_MANIFEST);
      try {
        assertThat(WireFixtures.encode(decoded)).isEqualTo(bytes);
        assertThat(decoded.instrumentId()).isBetween(0, WireFixtures.IDS.instrumentCount());
        assertThat(decoded.venueId()).isBetween(0, WireFixtures.IDS.venueCount());
        for (int leg = 0; leg < decoded.legCount(); leg++) {
          assertThat(decoded.legVenueId(leg)).isBetween(1, WireFixtures.IDS.venueCount());
        }
      } finally {
        pool.recycler().recycle(decoded, decoded.generation(), RecycleReason.STRATEGY_HANDLED);
      }
      accepted = true;
      Statistics.collect("accepted");
    } catch (MalformedEventException refused) {
      accepted = false;
      // "byte 62: side ..." -> "byte 62": shows which checks the inputs reached
      Statistics.collect(refused.getMessage().split(":")[0]);
    }
    assertThat(pool.inUse()).isZero();
    return accepted;
  }

  @Provide
  Arbitrary<byte[]> encodings() {
    return Combinators.combine(
            Arbitraries.of(EventKind.class),
            Arbitraries.integers().between(0, Event.MAX_LEGS),
            Arbitraries.longs())
        .as(
            (kind, legs, seed) ->
                WireFixtures.encode(WireFixtures.fill(Event.standalone(), kind, legs, seed)));
  }

  @Provide
  Arbitrary<byte[]> mutatedEncodings() {
    return encodings()
        .flatMap(
            valid ->
                Arbitraries.oneOf(
                    overwritten(valid),
                    truncated(valid),
                    extended(valid),
                    overwritten(valid).flatMap(this::truncated)));
  }

  /** Up to four bytes replaced, the checked header bytes more often than chance would pick. */
  private Arbitrary<byte[]> overwritten(byte[] valid) {
    Arbitrary<Integer> offset =
        Arbitraries.frequencyOf(
            Tuple.of(1, Arbitraries.of(CHECKED_OFFSETS)),
            Tuple.of(2, Arbitraries.integers().between(0, valid.length - 1)));
    return WireFixtures.overwritten(valid, offset);
  }

  private Arbitrary<byte[]> truncated(byte[] valid) {
    return Arbitraries.integers().between(0, valid.length).map(n -> Arrays.copyOf(valid, n));
  }

  private Arbitrary<byte[]> extended(byte[] valid) {
    return Arbitraries.bytes()
        .array(byte[].class)
        .ofMinSize(1)
        .ofMaxSize(40)
        .map(
            tail -> {
              byte[] copy = Arrays.copyOf(valid, valid.length + tail.length);
              System.arraycopy(tail, 0, copy, valid.length, tail.length);
              return copy;
            });
  }
}
