package io.meltica.cluster.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.meltica.pool.EventPool;
import io.meltica.pool.PoolConfig;
import io.meltica.pool.RecycleReason;
import io.meltica.protocol.Event;
import io.meltica.protocol.EventBatch;
import io.meltica.protocol.EventKind;
import java.nio.ByteBuffer;
import java.util.Arrays;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bytes the serializer must refuse: malformed, truncated, or well-formed with an id outside the
 * node's registry. It throws, counts a rejection and takes no envelope.
 */
class EventSerializerRejectionTest {
  private static WireTestNode node;

  @BeforeAll
  static void startSystem() {
    node = WireTestNode.start("EventSerializerRejectionTest");
  }

  @AfterAll
  static void stopSystem() {
    node.shutDown();
  }

  @AfterEach
  void shouldLeaveNoEnvelopeInUse() {
    assertThat(node.wirePool().inUse()).isZero();
  }

  @Test
  void shouldRefuseEveryTruncationWithoutTakingAnEnvelope() {
    byte[] valid = WireFixtures.validEncoding(8);
    long rejected = node.stats.rejected();
    long acquired = node.wirePool().acquiredCount();

    for (int length = 0; length < valid.length; length++) {
      byte[] truncated = Arrays.copyOf(valid, length);
      assertThatThrownBy(() -> node.serializer.fromBinary(truncated, "E1"))
          .isInstanceOf(MalformedEventException.class)
          .hasMessageStartingWith("truncated: " + length + " bytes");
      ByteBuffer slice = ByteBuffer.wrap(valid, 0, length);
      assertThatThrownBy(() -> node.serializer.fromBinary(slice, "E1"))
          .isInstanceOf(MalformedEventException.class);
      assertThat(node.wirePool().inUse()).isZero();
    }

    assertThat(node.stats.rejected()).isEqualTo(rejected + 2L * valid.length);
    assertThat(node.wirePool().acquiredCount()).as("nothing acquired").isEqualTo(acquired);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("io.meltica.cluster.wire.WireFixtures#malformed")
  void shouldRefuseMalformedBytesThroughPekko(String name, byte[] bytes, String message) {
    long rejected = node.stats.rejected();

    Throwable failure = node.serialization.deserialize(bytes, 900101, "E1").failed().get();

    assertThat(failure).isInstanceOf(MalformedEventException.class).hasMessage(message);
    assertThat(node.stats.rejected()).isEqualTo(rejected + 1);
  }

  @Test
  void shouldRefuseAnUnknownManifest() {
    byte[] valid = WireFixtures.validEncoding(0);
    long rejected = node.stats.rejected();

    assertThatThrownBy(() -> node.serializer.fromBinary(valid, "E2"))
        .isInstanceOf(MalformedEventException.class)
        .hasMessage("manifest 'E2' is unknown (expected 'E1' or 'B1')");
    assertThatThrownBy(() -> node.serializer.fromBinary(ByteBuffer.wrap(valid), "Event"))
        .isInstanceOf(MalformedEventException.class)
        .hasMessageContaining("'Event'");
    assertThat(node.stats.rejected()).isEqualTo(rejected + 2);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("io.meltica.cluster.wire.WireFixtures#outOfRange")
  void shouldRefuseAnIdOutsideTheRegistryBeforeTakingAnEnvelope(
      String name, byte[] bytes, String message) throws Exception {
    EventPool pool = node.wirePool();
    Event held = pool.acquire("a strategy handling an earlier event");
    long inUse = pool.inUse();
    long acquired = pool.acquiredCount();
    long rejected = node.stats.rejected();
    long outOfRange = node.stats.rejectedOutOfRange();
    long received = node.stats.received();

    assertThatThrownBy(() -> node.serializer.fromBinary(bytes, "E1"))
        .isInstanceOf(MalformedEventException.class)
        .hasMessage(message);
    assertThatThrownBy(() -> node.serializer.fromBinary(ByteBuffer.wrap(bytes), "E1"))
        .hasMessage(message);
    Throwable viaPekko = node.serialization.deserialize(bytes, 900101, "E1").failed().get();
    assertThat(viaPekko).isInstanceOf(MalformedEventException.class).hasMessage(message);

    assertThat(pool.acquiredCount()).as("no envelope taken").isEqualTo(acquired);
    assertThat(pool.inUse()).as("pool in use unchanged").isEqualTo(inUse);
    assertThat(node.stats.rejected()).isEqualTo(rejected + 3);
    assertThat(node.stats.rejectedOutOfRange()).isEqualTo(outOfRange + 3);
    assertThat(node.stats.received()).isEqualTo(received);
    pool.recycler().recycle(held, held.generation(), RecycleReason.STRATEGY_HANDLED);
  }

  @Test
  void shouldRefuseABatchWholeWhenOneEventHasAnIdOutsideTheRegistry() {
    EventPool senderPool = new EventPool(PoolConfig.ofCapacity(4));
    EventBatch batch = new EventBatch(4, emptied -> {});
    for (int i = 0; i < 3; i++) {
      Event event = WireFixtures.fill(senderPool.acquire("router"), EventKind.QUOTE, 0, i);
      batch.add(event, event.generation());
    }
    byte[] good = node.serializer.toBinary(batch);
    // count (2), then each event behind its length (2): the second event starts at 2 + 2 + 129 + 2
    int secondEvent = 2 + 2 + EventWireFormat.FIXED_SIZE + 2;
    byte[] bad =
        WireFixtures.withInt(good, secondEvent + EventWireFormat.OFFSET_INSTRUMENT, 1 << 24);
    long acquired = node.wirePool().acquiredCount();
    long outOfRange = node.stats.rejectedOutOfRange();

    assertThatThrownBy(() -> node.serializer.fromBinary(bad, "B1"))
        .isInstanceOf(MalformedEventException.class)
        .hasMessage(
            "batch event 1 of 3: byte 22: instrument id 16777216 is outside the registry (0..3)");

    assertThat(node.wirePool().acquiredCount()).as("no envelope taken").isEqualTo(acquired);
    assertThat(node.stats.rejectedOutOfRange()).isEqualTo(outOfRange + 1);
    assertThat(senderPool.inUse()).isZero();
  }

  @Test
  void shouldCountALayoutRefusalAsRejectedOnly() {
    long rejected = node.stats.rejected();
    long outOfRange = node.stats.rejectedOutOfRange();
    byte[] truncated = Arrays.copyOf(WireFixtures.validEncoding(0), 100);

    assertThatThrownBy(() -> node.serializer.fromBinary(truncated, "E1"))
        .isInstanceOf(MalformedEventException.class)
        .extracting(e -> ((MalformedEventException) e).reason())
        .isEqualTo(MalformedEventException.Reason.LAYOUT);

    assertThat(node.stats.rejected()).isEqualTo(rejected + 1);
    assertThat(node.stats.rejectedOutOfRange()).isEqualTo(outOfRange);
  }
}
