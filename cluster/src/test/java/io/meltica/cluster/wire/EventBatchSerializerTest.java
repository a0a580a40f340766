package io.meltica.cluster.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.meltica.pool.RecycleReason;
import io.meltica.protocol.Event;
import io.meltica.protocol.EventBatch;
import io.meltica.protocol.EventFields;
import io.meltica.protocol.EventKind;
import java.nio.BufferOverflowException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.pekko.serialization.Serializer;
import org.apache.pekko.serialization.Serializers;
import org.junit.jupiter.api.Test;

/**
 * A router's batch as one Artery message: written whole, every sender envelope recycled and the
 * batch given back; read into the wire pool as one batch, in order; refused whole when malformed.
 */
class EventBatchSerializerTest extends SerializerTestSupport {
  private final List<EventBatch> givenBack = new ArrayList<>();

  /** A batch of trades 1..n (the last a consolidated quote with 3 legs), and standalone copies. */
  private EventBatch batchOf(int n, List<Event> copies) {
    EventBatch batch = new EventBatch(8, givenBack::add);
    for (int i = 1; i <= n; i++) {
      EventKind kind = i == n ? EventKind.CONSOLIDATED_QUOTE : EventKind.TRADE;
      Event event = WireFixtures.fill(senderPool.acquire("router"), kind, i == n ? 3 : 0, i);
      Event copy = Event.standalone();
      event.copyInto(copy);
      copies.add(copy);
      batch.add(event, event.generation());
    }
    return batch;
  }

  private void handled(EventBatch decoded) {
    for (int i = 0; i < decoded.size(); i++) {
      node.wirePool()
          .recycler()
          .recycle(decoded.event(i), decoded.generation(i), RecycleReason.STRATEGY_HANDLED);
    }
    decoded.release();
  }

  @Test
  void shouldBeWrittenByTheEventSerializerUnderItsOwnManifest() {
    EventBatch batch = new EventBatch(1, givenBack::add);
    Serializer serializer = node.serialization.findSerializerFor(batch);

    assertThat(serializer).isInstanceOf(EventSerializer.class);
    assertThat(Serializers.manifestFor(serializer, batch)).isEqualTo("B1");
  }

  @Test
  void shouldRecycleEverySentEnvelopeGiveTheBatchBackAndDecodeTheEventsInOrder() {
    List<Event> copies = new ArrayList<>();
    EventBatch batch = batchOf(4, copies);
    long sent = node.stats.sent();

    byte[] bytes = node.serialization.serialize(batch).get();

    assertThat(senderPool.recycler().recycledCount(RecycleReason.SENT_TO_NODE)).isEqualTo(4);
    assertThat(givenBack).containsExactly(batch);
    assertThat(node.stats.sent()).isEqualTo(sent + 4);
    EventBatch decoded = (EventBatch) node.serialization.deserialize(bytes, 900101, "B1").get();

    assertThat(decoded.size()).isEqualTo(4);
    assertThat(node.wirePool().inUse()).isEqualTo(4);
    for (int i = 0; i < 4; i++) {
      assertThat(decoded.generation(i)).isEqualTo(decoded.event(i).generation());
      EventFields.assertSameWirePayload(decoded.event(i), copies.get(i));
    }
    handled(decoded);
  }

  @Test
  void shouldTakeTheByteBufferPathAndReuseTheDecodingBatch() throws Exception {
    ByteBuffer buf = ByteBuffer.allocateDirect(4096).order(ByteOrder.LITTLE_ENDIAN);
    node.serializer.toBinary(batchOf(2, new ArrayList<>()), buf);
    buf.flip();
    EventBatch first = (EventBatch) node.serialization.deserializeByteBuffer(buf, 900101, "B1");
    assertThat(buf.hasRemaining()).as("the payload is consumed").isFalse();
    handled(first);

    buf.clear();
    node.serializer.toBinary(batchOf(3, new ArrayList<>()), buf);
    buf.flip();
    EventBatch second = (EventBatch) node.serialization.deserializeByteBuffer(buf, 900101, "B1");

    assertThat(second).as("given back, taken again").isSameAs(first);
    assertThat(second.size()).isEqualTo(3);
    handled(second);
  }

  @Test
  void shouldWriteABatchItsSenderRevokedInTransitAsAnEmptyBatchWithoutTouchingItsEvents()
      throws Exception {
    EventBatch revoked = batchOf(2, new ArrayList<>());
    revoked.revoke(revoked.sendInTransit()); // the sender's reaper got there first
    EventBatch taken = batchOf(1, new ArrayList<>());
    taken.sendInTransit();

    byte[] empty = node.serializer.toBinary(revoked);
    ByteBuffer buf = ByteBuffer.allocate(64);
    node.serializer.toBinary(revoked, buf);
    byte[] written = node.serializer.toBinary(taken);

    EventBatch decoded = (EventBatch) node.serializer.fromBinary(empty, "B1");
    assertThat(decoded.size()).isZero();
    decoded.release();
    assertThat(buf.position()).isEqualTo(empty.length);
    assertThat(givenBack)
        .as("a revoked batch is nobody's: never given back")
        .containsExactly(taken);
    assertThat(senderPool.inUse()).as("the revoked batch's two events: the reaper's").isEqualTo(2);
    for (int i = 0; i < revoked.size(); i++) {
      senderPool
          .recycler()
          .recycle(revoked.event(i), revoked.generation(i), RecycleReason.SHUTDOWN);
    }
    handled((EventBatch) node.serializer.fromBinary(written, "B1"));
    assertThat(revoked.take()).as("a late receiver gets nothing").isFalse();
  }

  @Test
  void shouldRefuseAMalformedBatchWholeTakingNothingFromThePool() {
    byte[] good = node.serializer.toBinary(batchOf(2, new ArrayList<>()));
    long rejected = node.stats.rejected();

    byte[] truncated = Arrays.copyOf(good, good.length - 1);
    assertThatThrownBy(() -> node.serializer.fromBinary(truncated, "B1"))
        .isInstanceOf(MalformedEventException.class)
        .hasMessageContaining("batch event 1 of 2");
    byte[] trailing = Arrays.copyOf(good, good.length + 3);
    assertThatThrownBy(() -> node.serializer.fromBinary(trailing, "B1"))
        .hasMessageContaining("3 trailing bytes after 2 events");
    byte[] badKind = good.clone();
    badKind[2 + 2 + 1] = 99; // first event's kind
    assertThatThrownBy(() -> node.serializer.fromBinary(badKind, "B1"))
        .hasMessageContaining("batch event 0 of 2")
        .hasMessageContaining("kind");
    assertThatThrownBy(() -> node.serializer.fromBinary(new byte[] {0x10, 0x01}, "B1"))
        .hasMessageContaining("event count 4097");

    assertThat(node.stats.rejected()).isEqualTo(rejected + 4);
    assertThat(node.wirePool().inUse()).isZero();
  }

  @Test
  void shouldRecycleEveryEventAsRejectedWhenTheBatchCannotBeWritten() {
    EventBatch batch = batchOf(3, new ArrayList<>());
    ByteBuffer tooSmall = ByteBuffer.allocate(200);

    assertThatThrownBy(() -> node.serializer.toBinary(batch, tooSmall))
        .isInstanceOf(BufferOverflowException.class);

    assertThat(senderPool.recycler().recycledCount(RecycleReason.REJECTED_INPUT)).isEqualTo(3);
    assertThat(givenBack).containsExactly(batch);
    assertThat(tooSmall.position()).as("nothing half-written is left").isZero();
  }
}
