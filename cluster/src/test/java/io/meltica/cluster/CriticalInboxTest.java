package io.meltica.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.meltica.cluster.wire.EventWireFormat;
import io.meltica.leakcheck.LeakCheck;
import io.meltica.pool.EventPool;
import io.meltica.pool.PoolConfig;
import io.meltica.pool.RecycleReason;
import io.meltica.protocol.Event;
import io.meltica.protocol.EventKind;
import io.meltica.protocol.StrategyMessage;
import java.nio.ByteBuffer;
import java.time.Duration;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class CriticalInboxTest {
  @RegisterExtension final LeakCheck leaks = LeakCheck.create();
  private final ActorTestKit testKit = ActorTestKit.create("CriticalInboxTest");
  private final EventPool pool = leaks.watch(new EventPool(PoolConfig.ofCapacity(16)));
  private final CriticalStats stats = new CriticalStats();
  private final TestProbe<Long> handled = testKit.createTestProbe();
  private final TestProbe<CriticalSender.Command> acks = testKit.createTestProbe();

  {
    leaks.watch(testKit.system());
  }

  /** A strategy that reports the order id of each event and recycles it, as the hook would. */
  private ActorRef<StrategyMessage> inbox() {
    Behavior<StrategyMessage> strategy =
        Behaviors.receive(StrategyMessage.class)
            .onMessage(
                Event.class,
                event -> {
                  handled.ref().tell(event.orderId());
                  pool.recycler()
                      .recycle(event, event.generation(), RecycleReason.STRATEGY_HANDLED);
                  return Behaviors.same();
                })
            .build();
    return testKit.spawn(Behaviors.intercept(() -> new CriticalInbox(pool, stats), strategy));
  }

  private CriticalDelivery delivery(String producer, long seq, long orderId) {
    Event event = Event.standalone().setKind(EventKind.EXEC_REPORT).setOrderId(orderId);
    ByteBuffer bytes = ByteBuffer.allocate(EventWireFormat.encodedSize(event));
    EventWireFormat.write(event, bytes);
    return new CriticalDelivery(producer, "strategy-1", seq, bytes.array(), acks.ref());
  }

  @Test
  void shouldDeliverOnceAndAcknowledgeEveryCopy() {
    ActorRef<StrategyMessage> inbox = inbox();

    inbox.tell(delivery("node-a", 1, 41));
    inbox.tell(delivery("node-a", 2, 42));
    inbox.tell(delivery("node-a", 1, 41));
    inbox.tell(delivery("node-b", 1, 43));

    assertThat(handled.receiveSeveralMessages(3)).containsExactly(41L, 42L, 43L);
    handled.expectNoMessage(Duration.ofMillis(100));
    assertThat(acks.receiveSeveralMessages(4))
        .containsExactly(
            new CriticalSender.Ack("strategy-1", "node-a", 1),
            new CriticalSender.Ack("strategy-1", "node-a", 2),
            new CriticalSender.Ack("strategy-1", "node-a", 1),
            new CriticalSender.Ack("strategy-1", "node-b", 1));
    assertThat(stats.duplicateCount()).isEqualTo(1);
  }

  @Test
  void shouldRememberOutOfOrderSequencesAsSeen() {
    ActorRef<StrategyMessage> inbox = inbox();

    inbox.tell(delivery("node-a", 3, 3));
    inbox.tell(delivery("node-a", 1, 1));
    inbox.tell(delivery("node-a", 2, 2));
    inbox.tell(delivery("node-a", 3, 3));
    inbox.tell(delivery("node-a", 2, 2));

    assertThat(handled.receiveSeveralMessages(3)).containsExactly(3L, 1L, 2L);
    handled.expectNoMessage(Duration.ofMillis(100));
    assertThat(stats.duplicateCount()).isEqualTo(2);
  }

  @Test
  void shouldAcknowledgeAndDropAMalformedPayloadWithoutTakingAnEnvelope() {
    ActorRef<StrategyMessage> inbox = inbox();

    inbox.tell(new CriticalDelivery("node-a", "strategy-1", 1, new byte[] {9, 9, 9}, acks.ref()));

    acks.expectMessage(new CriticalSender.Ack("strategy-1", "node-a", 1));
    handled.expectNoMessage(Duration.ofMillis(100));
    assertThat(stats.malformedCount()).isEqualTo(1);
  }
}
