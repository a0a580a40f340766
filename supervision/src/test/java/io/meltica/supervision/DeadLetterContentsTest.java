package io.meltica.supervision;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.apache.pekko.actor.ActorRef;
import org.apache.pekko.actor.DeadLetter;
import org.apache.pekko.actor.Dropped;
import org.apache.pekko.actor.WrappedMessage;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.junit.jupiter.api.Test;

/**
 * One test per drop path of the class comment of {@link DeadLetterContents}. None depends on the
 * reason a report gives: each is run with several, including the ones Pekko writes for another
 * path.
 */
class DeadLetterContentsTest extends ActorTestSupport {
  private static final Object MESSAGE = "the envelope";

  /** Reasons of every kind, Pekko's among them: the rule must give the same answer for each. */
  private static final List<String> ANY_REASON =
      List.of(
          "Due to overflow of send queue, size [3072]",
          "Due to removed unused quarantined association",
          "Avoiding reordering of buffered messages at shard handoff",
          "Unknown system with UID [42]",
          "Stash is full in [RestartSupervisor]",
          "a reason Pekko has not written yet",
          "");

  private ActorRef deadLetters() {
    return Adapter.toClassic(testKit.system()).deadLetters();
  }

  /** A local actor of this system (the recipient of an inbound or a stash drop). */
  private ActorRef localActor() {
    return Adapter.toClassic(testKit.spawn(Behaviors.ignore()));
  }

  @Test
  void shouldActOnAPlainDeadLetter() {
    DeadLetter toAStoppedActor = new DeadLetter(MESSAGE, deadLetters(), localActor());

    assertThat(DeadLetterContents.messageOf(toAStoppedActor)).isSameAs(MESSAGE);
  }

  @Test
  void shouldOpenADeadLetterOfADroppedShardingEnvelope() {
    WrappedMessage shardingEnvelope = () -> MESSAGE; // as a ShardingEnvelope carries its message
    for (String reason : ANY_REASON) {
      // MessageBufferMap.drop: Dropped(message, reason, sender, noSender) told to dead letters
      Dropped dropped = new Dropped(shardingEnvelope, reason, localActor(), ActorRef.noSender());
      DeadLetter wrapped = new DeadLetter(dropped, deadLetters(), deadLetters());

      assertThat(DeadLetterContents.messageOf(wrapped)).as(reason).isSameAs(MESSAGE);
    }
  }

  @Test
  void shouldActOnlyOnTheDeadLetterOfArterysDoubleReport() {
    ActorRef remote = remoteRecipient();
    ActorRef sender = localActor();
    for (String reason : ANY_REASON) {
      // Association.send -> dropped: Dropped on the event stream, then deadLetters ! envelope,
      // which the remote dead-letters ref publishes as a DeadLetter of the same message
      Dropped first = new Dropped(MESSAGE, reason, sender, remote);
      DeadLetter second = new DeadLetter(MESSAGE, sender, remote);

      assertThat(DeadLetterContents.messageOf(first)).as(reason).isNull();
      assertThat(DeadLetterContents.messageOf(second)).as(reason).isSameAs(MESSAGE);
    }
  }

  @Test
  void shouldActOnlyOnTheDeadLetterOfADoubleReportWithoutRecipient() {
    for (String reason : ANY_REASON) {
      // Association.dropped names dead letters when the send had no recipient
      Dropped first = new Dropped(MESSAGE, reason, ActorRef.noSender(), deadLetters());
      DeadLetter second = new DeadLetter(MESSAGE, deadLetters(), deadLetters());

      assertThat(DeadLetterContents.messageOf(first)).as(reason).isNull();
      assertThat(DeadLetterContents.messageOf(second)).as(reason).isSameAs(MESSAGE);
    }
  }

  @Test
  void shouldIgnoreAnOutboundDropThatSerializationAlreadyTook() {
    ActorRef remote = remoteRecipient();
    for (String reason : ANY_REASON) {
      // Artery's Encoder, payload too large: Dropped alone, after the serializer had the message
      assertThat(DeadLetterContents.messageOf(Dropped.apply(MESSAGE, reason, remote)))
          .as(reason)
          .isNull();
      assertThat(DeadLetterContents.messageOf(Dropped.apply(MESSAGE, reason, ActorRef.noSender())))
          .as(reason + ", no recipient")
          .isNull();
    }
  }

  @Test
  void shouldActOnADroppedThatNoDeadLetterFollows() {
    ActorRef local = localActor();
    for (String reason : ANY_REASON) {
      // InboundHandshake (a message from an unknown system, already deserialized), a typed
      // supervisor's full stash, a group router's full stash: Dropped alone, local recipient
      assertThat(DeadLetterContents.messageOf(Dropped.apply(MESSAGE, reason, local)))
          .as(reason)
          .isSameAs(MESSAGE);
    }
  }

  @Test
  void shouldUnwrapEveryLayer() {
    WrappedMessage inner = () -> MESSAGE;
    WrappedMessage outer = () -> inner;
    Dropped dropped = new Dropped(outer, "", ActorRef.noSender(), localActor());

    assertThat(DeadLetterContents.messageOf(new DeadLetter(dropped, deadLetters(), deadLetters())))
        .isSameAs(MESSAGE);
    assertThat(DeadLetterContents.messageOf(dropped)).isSameAs(MESSAGE);
  }
}
