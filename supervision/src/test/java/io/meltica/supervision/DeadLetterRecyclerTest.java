package io.meltica.supervision;

import static org.assertj.core.api.Assertions.assertThat;

import io.meltica.pool.EventPool;
import io.meltica.pool.PoolConfig;
import io.meltica.pool.RecycleReason;
import io.meltica.protocol.EnvelopeCarrier;
import io.meltica.protocol.Event;
import java.util.ArrayList;
import java.util.List;
import org.apache.pekko.Done;
import org.apache.pekko.actor.DeadLetter;
import org.apache.pekko.actor.Dropped;
import org.apache.pekko.actor.WrappedMessage;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.junit.jupiter.api.Test;

class DeadLetterRecyclerTest extends ActorTestSupport {

  @Test
  void shouldRecycleAnEnvelopeSentToAStoppedActorAndIgnoreOtherPools() {
    EventPool otherPool = new EventPool(PoolConfig.ofCapacity(2));
    Event foreign = otherPool.acquire("other pipeline");
    ActorRef<DeadLetterRecycler.Command> deadLetters = spawnReady();
    ActorRef<Event> gone = testKit.spawn(Behaviors.stopped());
    TestProbe<Object> probe = testKit.createTestProbe();
    probe.expectTerminated(gone);

    gone.tell(pool.acquire("test"));
    gone.tell(foreign);

    probe.awaitAssert(
        () -> {
          assertThat(recycler.recycledCount(RecycleReason.DEAD_LETTER)).isEqualTo(1);
          return null;
        });
    assertThat(foreign.isLive()).as("another pool's envelope is left to its own recycler").isTrue();
    otherPool.recycler().recycle(foreign, foreign.generation(), RecycleReason.DEAD_LETTER);
    drain(deadLetters);
  }

  @Test
  void shouldRecycleWhatIsQueuedBeforeItDrains() {
    ActorRef<DeadLetterRecycler.Command> deadLetters = spawnReady();
    ActorRef<Event> gone = testKit.spawn(Behaviors.stopped());
    testKit.createTestProbe().expectTerminated(gone);

    for (int i = 0; i < 20; i++) {
      gone.tell(pool.acquire("test"));
    }
    TestProbe<Object> poll = testKit.createTestProbe();
    poll.awaitAssert(
        () -> {
          assertThat(recycler.recycledCount(RecycleReason.DEAD_LETTER)).isEqualTo(20);
          return null;
        });
    drain(deadLetters);
  }

  @Test
  void shouldRecycleTheEnvelopesOfACarrierThatBecameADeadLetter() {
    ActorRef<DeadLetterRecycler.Command> deadLetters = spawnReady();
    ActorRef<Object> gone = testKit.spawn(Behaviors.stopped());
    testKit.createTestProbe().expectTerminated(gone);
    List<Event> carried = new ArrayList<>(List.of(pool.acquire("a"), pool.acquire("b")));
    EnvelopeCarrier batch =
        sink -> {
          carried.forEach(sink);
          carried.clear();
        };

    gone.tell(batch);

    testKit
        .createTestProbe()
        .awaitAssert(
            () -> {
              assertThat(recycler.recycledCount(RecycleReason.DEAD_LETTER)).isEqualTo(2);
              return null;
            });
    drain(deadLetters);
  }

  @Test
  void shouldRecycleAnEnvelopeDroppedIntoDeadLetters() {
    ActorRef<DeadLetterRecycler.Command> deadLetters = spawnReady();
    org.apache.pekko.actor.ActorRef classicDeadLetters =
        Adapter.toClassic(testKit.system()).deadLetters();

    classicDeadLetters.tell(
        Dropped.apply(pool.acquire("test"), "buffer dropped", classicDeadLetters),
        org.apache.pekko.actor.ActorRef.noSender());

    testKit
        .createTestProbe()
        .awaitAssert(
            () -> {
              assertThat(recycler.recycledCount(RecycleReason.DEAD_LETTER)).isEqualTo(1);
              return null;
            });
    drain(deadLetters);
  }

  @Test
  void shouldStillRecycleADeadLetterThatArrivesAfterTheDrain() {
    ActorRef<DeadLetterRecycler.Command> deadLetters = spawnReady();
    ActorRef<Event> gone = testKit.spawn(Behaviors.stopped());
    testKit.createTestProbe().expectTerminated(gone);
    drain(deadLetters);

    gone.tell(pool.acquire("late"));

    awaitDeadLettersRecycled(1);
  }

  @Test
  void shouldCountAndSurviveADeadLetterWhoseEnvelopeWasAlreadyReleased() {
    spawnReady();
    ActorRef<Event> gone = testKit.spawn(Behaviors.stopped());
    testKit.createTestProbe().expectTerminated(gone);
    Event released = pool.acquire("test");
    recycler.recycle(released, released.generation(), RecycleReason.STRATEGY_HANDLED);
    leaks.expectRefusedReleases(pool, 1);

    gone.tell(released); // a bug elsewhere: sent on after it was recycled
    gone.tell(pool.acquire("test"));

    awaitDeadLettersRecycled(1);
    assertThat(pool.doubleReleaseCount()).isEqualTo(1);
  }

  @Test
  void shouldRecycleOnceWhatArteryReportsTwiceAndNotBeforeTheSecondReport() {
    ActorRef<DeadLetterRecycler.Command> deadLetters = spawnReady();
    org.apache.pekko.actor.ActorRef remote = remoteRecipient();
    org.apache.pekko.actor.ActorRef sender = Adapter.toClassic(testKit.spawn(Behaviors.ignore()));
    Event event = pool.acquire("router");
    long generation = event.generation();

    // Association.send -> dropped, whatever its reason: first the Dropped ...
    eventStream().publish(new Dropped(event, "any reason", sender, remote));
    drain(deadLetters);
    assertThat(event.isLive()).as("the Dropped is not acted on").isTrue();
    assertThat(event.generation()).isEqualTo(generation);
    // ... then the DeadLetter of the same message, from the remote dead-letters ref
    eventStream().publish(new DeadLetter(event, sender, remote));

    awaitDeadLettersRecycled(1);
    drain(deadLetters);
    assertThat(recycler.recycledCount(RecycleReason.DEAD_LETTER)).isEqualTo(1);
    assertThat(pool.refusedReleaseCount()).isZero();
  }

  @Test
  void shouldLeaveAnEnvelopeThatSerializationTookAndAnotherOwnerNowHolds() {
    EventPool small = leaks.watch(new EventPool(new PoolConfig(2, true, false, true)));
    ActorRef<DeadLetterRecycler.Command> deadLetters =
        testKit.spawn(DeadLetterRecycler.create(small.recycler()));
    drain(deadLetters);
    Event sent = small.acquire("router");
    // the serializer recycles what it writes (or fails to write: too large for Artery's buffer)
    small.recycler().recycle(sent, sent.generation(), RecycleReason.REJECTED_INPUT);
    Event reused = small.acquire("next owner"); // LIFO: the last one back is the first out
    assertThat(reused).as("the envelope that was sent, taken again").isSameAs(sent);
    Event other = small.acquire("another owner");

    // Artery's Encoder then reports the oversized payload: a Dropped alone, remote recipient
    eventStream().publish(Dropped.apply(sent, "any reason", remoteRecipient()));
    drain(deadLetters);

    assertThat(reused.isLive()).as("the next owner still holds it").isTrue();
    assertThat(reused.acquiredBy()).isEqualTo("next owner");
    assertThat(small.recycler().recycledCount(RecycleReason.DEAD_LETTER)).isZero();
    small.recycler().recycle(reused, reused.generation(), RecycleReason.STRATEGY_HANDLED);
    small.recycler().recycle(other, other.generation(), RecycleReason.STRATEGY_HANDLED);
  }

  @Test
  void shouldRecycleADroppedThatNoDeadLetterFollows() {
    ActorRef<DeadLetterRecycler.Command> deadLetters = spawnReady();
    org.apache.pekko.actor.ActorRef local = Adapter.toClassic(testKit.spawn(Behaviors.ignore()));

    // InboundHandshake (a decoded message from an unknown system), a supervisor's full stash
    eventStream().publish(Dropped.apply(pool.acquire("wire"), "any reason", local));
    eventStream().publish(Dropped.apply(pool.acquire("wire"), "", local));

    awaitDeadLettersRecycled(2);
    drain(deadLetters);
    assertThat(recycler.recycledCount(RecycleReason.DEAD_LETTER)).isEqualTo(2);
  }

  @Test
  void shouldRecycleADroppedShardingEnvelopeFromAHandOff() {
    ActorRef<DeadLetterRecycler.Command> deadLetters = spawnReady();
    org.apache.pekko.actor.ActorRef classicDeadLetters =
        Adapter.toClassic(testKit.system()).deadLetters();
    Event event = pool.acquire("forwarder");
    WrappedMessage shardingEnvelope = () -> event;

    // MessageBufferMap.drop: a Dropped (sender, no recipient) told to dead letters
    classicDeadLetters.tell(
        new Dropped(shardingEnvelope, "any reason", classicDeadLetters, null),
        org.apache.pekko.actor.ActorRef.noSender());

    awaitDeadLettersRecycled(1);
    drain(deadLetters);
    assertThat(recycler.recycledCount(RecycleReason.DEAD_LETTER)).isEqualTo(1);
  }

  private org.apache.pekko.event.EventStream eventStream() {
    return Adapter.toClassic(testKit.system()).getEventStream();
  }

  private void awaitDeadLettersRecycled(long count) {
    testKit
        .createTestProbe()
        .awaitAssert(
            () -> {
              assertThat(recycler.recycledCount(RecycleReason.DEAD_LETTER)).isEqualTo(count);
              return null;
            });
  }

  /** A recycler that listens: the answer to a first drain means it subscribed. */
  private ActorRef<DeadLetterRecycler.Command> spawnReady() {
    ActorRef<DeadLetterRecycler.Command> deadLetters =
        testKit.spawn(DeadLetterRecycler.create(recycler));
    drain(deadLetters);
    return deadLetters;
  }

  private void drain(ActorRef<DeadLetterRecycler.Command> deadLetters) {
    TestProbe<Done> done = testKit.createTestProbe();
    deadLetters.tell(new DeadLetterRecycler.Drain(done.ref()));
    done.expectMessage(Done.getInstance());
  }
}
