package io.meltica.protocol;

import java.util.Objects;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.dispatch.ControlMessage;

/**
 * Raises a strategy's minimum accepted routing version. It is a Pekko {@link ControlMessage}: in
 * the strategy's control-aware mailbox it overtakes market data already queued, which then fails
 * the gate and is recycled instead of being delivered stale. The strategy confirms to {@code
 * confirmTo} once the new minimum is in force.
 */
public record UpdateMinVersion(
    long minVersion, long requestId, ActorRef<MinVersionConfirmed> confirmTo)
    implements StrategyMessage, ControlMessage {
  public UpdateMinVersion {
    Objects.requireNonNull(confirmTo, "confirmTo");
  }
}
