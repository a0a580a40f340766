package io.meltica.cluster.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.meltica.cluster.WirePool;
import io.meltica.pool.EventPool;
import io.meltica.pool.PoolConfig;
import io.meltica.pool.RecycleReason;
import io.meltica.protocol.Event;
import io.meltica.protocol.EventFields;
import io.meltica.protocol.EventKind;
import java.time.Duration;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorRefResolver;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.junit.jupiter.api.Test;

/**
 * Two ActorSystems in one JVM talking over Artery TCP: the serializer as remoting really uses it
 * (created by reflection, the ByteBuffer variants, Artery's little-endian buffers).
 */
class EventSerializerRemoteTest {
  private static final Config REMOTE =
      ConfigFactory.parseString(
              """
              pekko.actor.provider = remote
              pekko.remote.artery.transport = tcp
              pekko.remote.artery.canonical.hostname = 127.0.0.1
              pekko.remote.artery.canonical.port = 0
              pekko.coordinated-shutdown.run-by-jvm-shutdown-hook = off
              """)
          .withFallback(ConfigFactory.load());

  /** What the receiving node saw, copied before it recycled the envelope. */
  record Arrived(Event copy, boolean fromWirePool, String acquiredBy) {}

  /** Copies each event for the probe, then recycles it, as a consumer's hook would. */
  static Behavior<Event> receiver(ActorRef<Arrived> probe) {
    return Behaviors.receive(
        (ctx, event) -> {
          EventPool pool = WirePool.get(ctx.getSystem()).pool();
          Event copy = Event.standalone();
          event.copyInto(copy);
          probe.tell(new Arrived(copy, pool.owns(event), event.acquiredBy()));
          pool.recycler().recycle(event, event.generation(), RecycleReason.STRATEGY_HANDLED);
          return Behaviors.same();
        });
  }

  @Test
  void shouldCarryAnEventToAnotherNodeAndRecycleItOnBothSides() {
    WireTestNode sender = WireTestNode.start("sender", REMOTE);
    WireTestNode receiver = WireTestNode.start("receiver", REMOTE);
    try {
      TestProbe<Arrived> probe = receiver.kit.createTestProbe();
      ActorRef<Event> local = receiver.kit.spawn(receiver(probe.getRef()), "strategy");
      ActorRef<Event> remote =
          ActorRefResolver.get(sender.kit.system())
              .resolveActorRef(
                  ActorRefResolver.get(receiver.kit.system()).toSerializationFormat(local));
      EventPool senderPool = new EventPool(PoolConfig.ofCapacity(4));
      Event event =
          WireFixtures.fill(senderPool.acquire("venue"), EventKind.CONSOLIDATED_QUOTE, 8, 99);
      Event expected = Event.standalone();
      event.copyInto(expected);

      remote.tell(event);

      Arrived arrived = probe.receiveMessage(Duration.ofSeconds(15));
      EventFields.assertSameWirePayload(arrived.copy(), expected);
      assertThat(arrived.fromWirePool()).isTrue();
      assertThat(arrived.acquiredBy()).isEqualTo(EventSerializer.WIRE_OWNER);
      await()
          .atMost(Duration.ofSeconds(5))
          .untilAsserted(
              () -> {
                assertThat(senderPool.inUse()).isZero();
                assertThat(receiver.wirePool().inUse()).isZero();
              });
      assertThat(senderPool.recycler().recycledCount(RecycleReason.SENT_TO_NODE)).isEqualTo(1);
      assertThat(sender.stats.sent()).isEqualTo(1);
      assertThat(receiver.stats.received()).isEqualTo(1);
    } finally {
      receiver.shutDown();
      sender.shutDown();
    }
  }
}
