package io.meltica.supervision;

import java.util.List;
import org.apache.pekko.actor.AllDeadLetters;
import org.apache.pekko.actor.DeadLetter;
import org.apache.pekko.actor.Dropped;
import org.apache.pekko.actor.WrappedMessage;

/**
 * What a {@link DeadLetter} or {@link Dropped} on the event stream carries, for the recyclers that
 * take pooled envelopes back from it. Each envelope must be recycled exactly once, so two of
 * Pekko's habits matter:
 *
 * <ul>
 *   <li>Pekko's dead-letters ref wraps whatever it is sent: a {@code Dropped} sent there (as a
 *       shard region does with its buffer at a hand-off) arrives as {@code
 *       DeadLetter(Dropped(message))}, and the message may itself be a {@link WrappedMessage} (a
 *       sharding envelope). The message is unwrapped through every layer.
 *   <li>Artery reports a message it drops on the way out (send queue full, association removed)
 *       twice: a {@code Dropped} published on the event stream, then a {@code DeadLetter} of the
 *       same message. The {@code Dropped} is ignored; the {@code DeadLetter} is the one acted on.
 *       Recognised by the reasons Pekko 1.x's {@code Association.dropped} writes.
 * </ul>
 *
 * Stateless.
 */
public final class DeadLetterContents {
  private static final List<String> ALSO_SENT_AS_DEAD_LETTER =
      List.of("Due to overflow of send queue", "Due to removed unused quarantined association");

  private DeadLetterContents() {}

  /**
   * The message {@code letter} carries, unwrapped; {@code null} for a report whose message also
   * arrives as a {@link DeadLetter}.
   */
  public static Object messageOf(AllDeadLetters letter) {
    if (letter instanceof Dropped dropped && reportedTwice(dropped.reason())) {
      return null;
    }
    Object message = letter.message();
    while (true) {
      if (message instanceof AllDeadLetters wrapped) {
        message = wrapped.message();
      } else if (message instanceof WrappedMessage wrapped) {
        message = wrapped.message();
      } else {
        return message;
      }
    }
  }

  private static boolean reportedTwice(String reason) {
    return ALSO_SENT_AS_DEAD_LETTER.stream().anyMatch(reason::startsWith);
  }
}
