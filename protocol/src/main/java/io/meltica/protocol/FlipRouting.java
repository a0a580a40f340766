package io.meltica.protocol;

import java.util.Objects;
import org.apache.pekko.actor.typed.ActorRef;

/**
 * Asks the orchestrator to move to the next routing version. It answers at once with a CONTROL_ACK
 * event to every strategy and, once every strategy has confirmed the new minimum version, with a
 * CONTROL_RESULT event and a {@link ControlResult} to {@code replyTo}.
 *
 * <p>Not a Pekko {@code ControlMessage}: the orchestrator handles it in arrival order, so events
 * that arrived before the flip keep the old version.
 *
 * @param requestId chosen by the caller; echoed as the correlation id of the ack and the result
 */
public record FlipRouting(long requestId, ActorRef<ControlResult> replyTo)
    implements OrchestratorMessage {
  public FlipRouting {
    Objects.requireNonNull(replyTo, "replyTo");
  }
}
