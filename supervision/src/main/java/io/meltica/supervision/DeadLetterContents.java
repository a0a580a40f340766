package io.meltica.supervision;

import org.apache.pekko.actor.ActorPath;
import org.apache.pekko.actor.ActorRef;
import org.apache.pekko.actor.AllDeadLetters;
import org.apache.pekko.actor.DeadLetter;
import org.apache.pekko.actor.Dropped;
import org.apache.pekko.actor.WrappedMessage;

/**
 * What a {@link DeadLetter} or {@link Dropped} on the event stream carries, for the recyclers that
 * take pooled envelopes back from it. Each envelope must be recycled exactly once, and never
 * because of a report that arrives after it was recycled: by then another owner may hold it, and
 * recycling it again would take that owner's envelope away. Two of Pekko's habits matter:
 *
 * <ul>
 *   <li>Pekko's dead-letters ref wraps whatever it is sent: a {@code Dropped} sent there (as a
 *       shard region does with its buffer at a hand-off) arrives as {@code
 *       DeadLetter(Dropped(message))}, and the message may itself be a {@link WrappedMessage} (a
 *       sharding envelope). The message is unwrapped through every layer.
 *   <li>Artery reports some drops twice, some once, and some it leaves to the serializer.
 * </ul>
 *
 * <h2>The rule: by type and recipient, never by reason text</h2>
 *
 * <ul>
 *   <li>A {@link DeadLetter} is always acted on. In every path below it is the only report of its
 *       message or the last one.
 *   <li>A {@link Dropped} published on the event stream is acted on only if its recipient is an
 *       actor of this ActorSystem (its path has a local address) other than the dead-letters ref. A
 *       {@code Dropped} whose recipient is on another node, is the dead-letters ref or is absent is
 *       an <em>outbound</em> drop by Artery, whose message is either sent to dead letters right
 *       after (its {@code DeadLetter} is the report acted on) or was already serialized (and
 *       serializing an {@code Event} recycles it: {@code EventSerializer}'s ownership rule).
 * </ul>
 *
 * <p>What Pekko 1.7 publishes, read from its source, and what this rule does with it:
 *
 * <table>
 *   <caption>drop paths</caption>
 *   <tr><th>path</th><th>published</th><th>acted on</th></tr>
 *   <tr><td>a message to a stopped actor; a mailbox emptied when its actor stops; a queued
 *       message of an Artery association whose outbound stream stopped ({@code
 *       Association.sendToDeadLetters})</td><td>{@code DeadLetter(m)}</td><td>the DeadLetter</td>
 *   </tr>
 *   <tr><td>a shard region's or shard's buffer dropped (hand-off, buffer full: {@code
 *       MessageBufferMap.drop}, {@code Shard}); a topic with no subscribers</td>
 *       <td>{@code DeadLetter(Dropped(ShardingEnvelope(m)))}: the {@code Dropped} is told to the
 *       dead-letters ref, which wraps it</td><td>the DeadLetter, unwrapped</td></tr>
 *   <tr><td>Artery's send queue to a node full, or its association removed after a quarantine
 *       ({@code Association.send} &rarr; {@code dropped})</td><td>{@code Dropped(m)} with the
 *       remote recipient (the dead-letters ref if the send had none) on the event stream, then,
 *       from the same thread, {@code deadLetters ! envelope}, which the remote dead-letters ref
 *       turns into {@code DeadLetter(m)} of the same message</td><td>the DeadLetter only</td></tr>
 *   <tr><td>a message too large for Artery's buffer ({@code Encoder}, after serializing it)</td>
 *       <td>{@code Dropped(m)} with the remote recipient (or none), nothing after</td><td>nothing:
 *       the serializer took the message (an {@code Event} is recycled as it is written, or as
 *       rejected input when it does not fit)</td></tr>
 *   <tr><td>an incoming message from a system whose handshake is not done ({@code
 *       InboundHandshake}, after the message was deserialized into this node's pool)</td>
 *       <td>{@code Dropped(m)} with the local recipient, nothing after</td><td>the Dropped</td></tr>
 *   <tr><td>a typed supervisor's stash full while it restarts its child; a group router's stash
 *       full</td><td>{@code Dropped(m)} with the local actor as recipient, nothing after</td>
 *       <td>the Dropped</td></tr>
 * </table>
 *
 * <p>So the report acted on is in every path the last one of its message, and a message is never
 * acted on twice: a {@code Dropped} that has a {@code DeadLetter} after it names a remote (or no)
 * recipient. Pekko's paths that drop a message without any report (an association's send while
 * quarantined, Artery's inbound quarantine check, its test-mode blackhole) are not seen here.
 *
 * <p>Why not pair the two reports by the message's identity: the {@code DeadLetter} follows its
 * {@code Dropped} but other reports may come between, so acting on the {@code Dropped} would mean
 * ignoring a later report of the same object, which after a recycle may be the next owner's real
 * one; waiting for the {@code DeadLetter} would need a timeout for the {@code Dropped}s that have
 * none (the inbound handshake's, the stash's), and would still act on the encoder's, whose message
 * is no longer the report's to give back. The recipient tells all of these apart.
 *
 * <p>Stateless and thread-safe.
 */
public final class DeadLetterContents {
  private static final String DEAD_LETTERS = "deadLetters";

  private DeadLetterContents() {}

  /**
   * The message {@code letter} carries, unwrapped; {@code null} for a {@link Dropped} that is not
   * to be acted on (see the class comment: an outbound drop by Artery).
   */
  public static Object messageOf(AllDeadLetters letter) {
    if (letter instanceof Dropped dropped && !isActedOn(dropped)) {
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

  /**
   * Whether a {@link Dropped} published on the event stream is the report to act on: its recipient
   * is an actor of this system other than the dead-letters ref.
   */
  static boolean isActedOn(Dropped dropped) {
    ActorRef recipient = dropped.recipient();
    if (recipient == null) {
      return false; // Artery's encoder names none when the message had no recipient
    }
    ActorPath path = recipient.path();
    if (path.address().hasGlobalScope()) {
      return false; // a recipient on another node: an outbound drop
    }
    boolean deadLetters = path.parent().equals(path.root()) && DEAD_LETTERS.equals(path.name());
    return !deadLetters; // Artery names dead letters when an outbound send had no recipient
  }
}
