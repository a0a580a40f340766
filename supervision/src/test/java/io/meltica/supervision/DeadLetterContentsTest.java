package io.meltica.supervision;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.pekko.actor.ActorRef;
import org.apache.pekko.actor.DeadLetter;
import org.apache.pekko.actor.Dropped;
import org.apache.pekko.actor.WrappedMessage;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.junit.jupiter.api.Test;

class DeadLetterContentsTest extends ActorTestSupport {
  private static final Object MESSAGE = "the envelope";

  /** A DeadLetter needs a sender and a recipient; any ref will do. */
  private ActorRef someRef() {
    return Adapter.toClassic(testKit.system()).deadLetters();
  }

  @Test
  void shouldUnwrapEveryLayerOfADeadLetter() {
    Dropped dropped = new Dropped(MESSAGE, "Avoiding reordering", ActorRef.noSender(), someRef());

    assertThat(DeadLetterContents.messageOf(new DeadLetter(dropped, someRef(), someRef())))
        .isSameAs(MESSAGE);
    assertThat(DeadLetterContents.messageOf(dropped)).isSameAs(MESSAGE);
  }

  @Test
  void shouldOpenPekkosWrappedMessages() {
    WrappedMessage envelope = () -> MESSAGE; // as a sharding envelope carries its message
    Dropped dropped = new Dropped(envelope, "Avoiding reordering", ActorRef.noSender(), someRef());

    assertThat(DeadLetterContents.messageOf(new DeadLetter(dropped, someRef(), someRef())))
        .isSameAs(MESSAGE);
  }

  @Test
  void shouldIgnoreTheDroppedThatArteryAlsoSendsAsADeadLetter() {
    for (String reason :
        new String[] {
          "Due to overflow of send queue, size [3072]",
          "Due to removed unused quarantined association"
        }) {
      assertThat(
              DeadLetterContents.messageOf(
                  new Dropped(MESSAGE, reason, ActorRef.noSender(), someRef())))
          .as(reason)
          .isNull();
    }
    assertThat(DeadLetterContents.messageOf(new DeadLetter(MESSAGE, someRef(), someRef())))
        .isSameAs(MESSAGE);
  }
}
