package io.meltica.cluster.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.meltica.pool.RecycleReason;
import io.meltica.protocol.Event;
import io.meltica.protocol.EventFields;
import io.meltica.protocol.EventKind;
import java.nio.BufferOverflowException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.apache.pekko.serialization.ByteBufferSerializer;
import org.apache.pekko.serialization.Serializer;
import org.apache.pekko.serialization.Serializers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The serializer as Pekko finds it through reference.conf: the sender's envelope is recycled once
 * written, the receiver gets an envelope of the node's wire pool.
 */
class EventSerializerTest extends SerializerTestSupport {

  /** A pooled event with every field set, and a standalone copy of it to compare with. */
  private Event[] pooledEventAndCopy(EventKind kind, int legs) {
    Event event = WireFixtures.fill(senderPool.acquire("sender"), kind, legs, 17);
    Event copy = Event.standalone();
    event.copyInto(copy);
    return new Event[] {event, copy};
  }

  @Test
  void shouldBeWhatPekkoPicksForEvents() {
    Event event = Event.standalone();
    Serializer serializer = node.serialization.findSerializerFor(event);

    assertThat(serializer).isInstanceOf(EventSerializer.class);
    assertThat(serializer.identifier()).isEqualTo(900101);
    assertThat(Serializers.manifestFor(serializer, event)).isEqualTo("E1");
    assertThat(serializer).isInstanceOf(ByteBufferSerializer.class);
  }

  @ParameterizedTest
  @EnumSource(EventKind.class)
  void shouldRecycleTheSentEnvelopeAndDecodeIntoTheWirePool(EventKind kind) {
    Event[] pair = pooledEventAndCopy(kind, kind == EventKind.CONSOLIDATED_QUOTE ? 8 : 0);
    long sent = node.stats.sent();
    long received = node.stats.received();

    byte[] bytes = node.serialization.serialize(pair[0]).get();

    assertThat(senderPool.inUse()).isZero();
    assertThat(senderPool.recycler().recycledCount(RecycleReason.SENT_TO_NODE)).isEqualTo(1);
    assertThat(node.stats.sent()).isEqualTo(sent + 1);

    Event decoded = (Event) node.serialization.deserialize(bytes, 900101, "E1").get();

    assertThat(node.wirePool().owns(decoded)).isTrue();
    assertThat(node.wirePool().inUse()).isEqualTo(1);
    assertThat(decoded.acquiredBy()).isEqualTo("wire");
    assertThat(node.stats.received()).isEqualTo(received + 1);
    EventFields.assertSameWirePayload(decoded, pair[1]);
    node.wirePool()
        .recycler()
        .recycle(decoded, decoded.generation(), RecycleReason.STRATEGY_HANDLED);
  }

  @Test
  void shouldTakeTheByteBufferPathBothWays() throws Exception {
    Event[] pair = pooledEventAndCopy(EventKind.CONSOLIDATED_QUOTE, 3);
    ByteBuffer buf = ByteBuffer.allocateDirect(1024).order(ByteOrder.LITTLE_ENDIAN);

    node.serializer.toBinary(pair[0], buf);

    assertThat(senderPool.recycler().recycledCount(RecycleReason.SENT_TO_NODE)).isEqualTo(1);
    buf.flip();
    Event decoded = (Event) node.serialization.deserializeByteBuffer(buf, 900101, "E1");

    assertThat(buf.hasRemaining()).as("the payload is consumed").isFalse();
    EventFields.assertSameWirePayload(decoded, pair[1]);
    node.wirePool()
        .recycler()
        .recycle(decoded, decoded.generation(), RecycleReason.STRATEGY_HANDLED);
  }

  @Test
  void shouldLeaveAStandaloneEventToTheGarbageCollector() {
    Event event = EventFields.fill(Event.standalone(), EventKind.TRADE, 0, 3);

    byte[] bytes = node.serializer.toBinary(event);

    assertThat(bytes).hasSize(129);
    assertThat(event.isLive()).as("no pool to recycle it into").isTrue();
  }

  @Test
  void shouldRecycleAnEventItCannotWrite() {
    long failures = node.stats.encodeFailures();
    Event noKind = senderPool.acquire("sender");
    Event noRoom = EventFields.fill(senderPool.acquire("sender"), EventKind.QUOTE, 0, 1);

    assertThatThrownBy(() -> node.serializer.toBinary(noKind))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("kind=null");
    assertThatThrownBy(() -> node.serializer.toBinary(noRoom, ByteBuffer.allocate(100)))
        .isInstanceOf(BufferOverflowException.class);

    assertThat(senderPool.recycler().recycledCount(RecycleReason.REJECTED_INPUT)).isEqualTo(2);
    assertThat(senderPool.recycler().recycledCount(RecycleReason.SENT_TO_NODE)).isZero();
    assertThat(node.stats.encodeFailures()).isEqualTo(failures + 2);
  }

  @Test
  void shouldRefuseAReleasedEnvelopeWithoutReleasingItAgain() {
    Event event = senderPool.acquire("sender").setKind(EventKind.TRADE);
    senderPool.recycler().recycle(event, event.generation(), RecycleReason.STRATEGY_HANDLED);

    assertThatThrownBy(() -> node.serializer.toBinary(event))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("released envelope")
        .hasMessageContaining("last owner 'sender'");
    assertThat(senderPool.doubleReleaseCount()).isZero();
  }

  @Test
  void shouldRefuseAnythingButAnEvent() {
    EventSerializer serializer = node.serializer;

    assertThatThrownBy(() -> serializer.toBinary("text"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("java.lang.String");
    assertThatThrownBy(() -> serializer.manifest(42)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void shouldKeepOneWireStatsPerSystem() {
    assertThat(WireStatsExtension.get(node.kit.system())).isSameAs(node.stats);
    assertThat(node.stats.toString()).startsWith("WireStats[sent=");
  }
}
