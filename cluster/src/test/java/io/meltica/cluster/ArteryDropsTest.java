package io.meltica.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.meltica.pool.EventPool;
import io.meltica.pool.PoolConfig;
import io.meltica.pool.RecycleReason;
import io.meltica.protocol.Event;
import io.meltica.protocol.EventKind;
import io.meltica.supervision.DeadLetterRecycler;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import org.apache.pekko.Done;
import org.apache.pekko.actor.DeadLetter;
import org.apache.pekko.actor.Dropped;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorRefResolver;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Artery's own drop of messages to a node whose send queue is full, not a copy of it: the reports
 * Pekko really publishes (a {@code Dropped} naming the remote recipient, then a {@code DeadLetter}
 * of the same message) and the dead-letter recycler acting on them, each dropped envelope recycled
 * exactly once. Nothing depends on the reasons Pekko writes.
 *
 * <p>The node sends to a port nothing listens on, with a send queue of 8: the association never
 * completes its handshake, so the queue fills at once and every further send is dropped.
 */
class ArteryDropsTest {
  private static final int SENT = 40;

  private static final Config NODE =
      ConfigFactory.parseString(
              """
              pekko.actor.provider = remote
              pekko.remote.artery.transport = tcp
              pekko.remote.artery.canonical.hostname = 127.0.0.1
              pekko.remote.artery.canonical.port = 0
              pekko.remote.artery.advanced.outbound-message-queue-size = 8
              pekko.coordinated-shutdown.run-by-jvm-shutdown-hook = off
              pekko.log-dead-letters = off
              """)
          .withFallback(ConfigFactory.load());

  private final ActorTestKit testKit = ActorTestKit.create("ArteryDropsTest", NODE);
  private final EventPool pool = new EventPool(PoolConfig.ofCapacity(64));

  @AfterEach
  void shutDown() {
    // the envelopes still in the dead association's queue die with the system
    testKit.shutdownTestKit();
    assertThat(testKit.system().getWhenTerminated().toCompletableFuture())
        .succeedsWithin(Duration.ofSeconds(30));
  }

  @Test
  void shouldRecycleEachEnvelopeArteryDropsExactlyOnce() throws IOException {
    TestProbe<Done> ready = testKit.createTestProbe();
    ActorRef<DeadLetterRecycler.Command> recycler =
        testKit.spawn(DeadLetterRecycler.create(pool.recycler()));
    recycler.tell(new DeadLetterRecycler.Drain(ready.ref()));
    ready.expectMessage(Done.getInstance());
    ActorRef<Object> reports = testKit.spawn(collector());
    var eventStream = Adapter.toClassic(testKit.system()).getEventStream();
    eventStream.subscribe(Adapter.toClassic(reports), Dropped.class);
    eventStream.subscribe(Adapter.toClassic(reports), DeadLetter.class);
    ActorRef<Event> nowhere =
        ActorRefResolver.get(testKit.system())
            .resolveActorRef("pekko://ghost@127.0.0.1:" + unusedPort() + "/user/strategy");

    List<Event> sent = new ArrayList<>();
    for (int i = 0; i < SENT; i++) {
      Event event = pool.acquire("router").setKind(EventKind.TRADE).setInstrumentId(1);
      sent.add(event);
      nowhere.tell(event);
    }

    Set<Event> dropped = Collections.newSetFromMap(new IdentityHashMap<>());
    Set<Event> deadLettered = Collections.newSetFromMap(new IdentityHashMap<>());
    // Artery drops on the sending thread, publishing both reports before tell returns: asking the
    // collector now, from the same thread, gets every report of the sends above
    TestProbe<List<Object>> collected = testKit.createTestProbe();
    reports.tell(collected.ref());
    for (Object report : collected.receiveMessage()) {
      if (report instanceof Dropped d && d.message() instanceof Event event) {
        assertThat(d.recipient().path().address().hasGlobalScope())
            .as("an outbound drop names the recipient on the other node")
            .isTrue();
        dropped.add(event);
      } else if (report instanceof DeadLetter d && d.message() instanceof Event event) {
        deadLettered.add(event);
      }
    }

    assertThat(dropped).as("the queue of 8 overflowed").hasSizeGreaterThan(SENT - 16);
    assertThat(deadLettered).as("each drop reported twice, the same message").isEqualTo(dropped);
    TestProbe<Object> poll = testKit.createTestProbe();
    poll.awaitAssert(
        () -> {
          assertThat(pool.recycler().recycledCount(RecycleReason.DEAD_LETTER))
              .isEqualTo(dropped.size());
          return null;
        });
    recycler.tell(new DeadLetterRecycler.Drain(ready.ref()));
    ready.expectMessage(Done.getInstance());
    assertThat(pool.recycler().recycledCount(RecycleReason.DEAD_LETTER))
        .as("recycled once each, not once per report")
        .isEqualTo(dropped.size());
    assertThat(pool.refusedReleaseCount()).isZero();
    for (Event event : sent) {
      assertThat(event.isLive())
          .as("recycled if and only if dropped")
          .isEqualTo(!dropped.contains(event));
    }
  }

  /** Keeps every report; answers a request (an ActorRef) with those so far. */
  @SuppressWarnings("unchecked")
  private static Behavior<Object> collector() {
    List<Object> seen = new ArrayList<>();
    return Behaviors.receiveMessage(
        message -> {
          if (message instanceof ActorRef<?> replyTo) {
            ((ActorRef<List<Object>>) replyTo).tell(List.copyOf(seen));
          } else {
            seen.add(message);
          }
          return Behaviors.same();
        });
  }

  private static int unusedPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
