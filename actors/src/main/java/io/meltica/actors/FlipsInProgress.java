package io.meltica.actors;

import io.meltica.protocol.ControlResult;
import java.util.HashMap;
import java.util.Map;
import org.apache.pekko.actor.typed.ActorRef;

/**
 * The routing flips an orchestrator has begun and not yet completed. A flip is complete once the
 * orchestrator has drained its marker (which names the caller to answer) and every router has
 * applied it; the two may arrive in either order. Confined to the orchestrator's actor.
 */
final class FlipsInProgress {
  /** A completed flip: its result, for the strategies and for the caller. */
  record Completed(ControlResult result, ActorRef<ControlResult> replyTo) {}

  private final int routers;
  private final Map<Long, Pending> byRequest = new HashMap<>();

  FlipsInProgress(int routers) {
    this.routers = routers;
  }

  /** The flip's marker was drained here; the completed flip, or null while routers are missing. */
  Completed markerDrained(long requestId, ActorRef<ControlResult> replyTo) {
    pending(requestId).replyTo = replyTo;
    return completeIfDone(requestId);
  }

  /** One router applied the flip; the completed flip, or null while something is missing. */
  Completed routerApplied(long requestId, long version) {
    Pending flip = pending(requestId);
    flip.routersApplied++;
    flip.version = Math.max(flip.version, version);
    return completeIfDone(requestId);
  }

  private Pending pending(long requestId) {
    return byRequest.computeIfAbsent(requestId, id -> new Pending());
  }

  private Completed completeIfDone(long requestId) {
    Pending flip = byRequest.get(requestId);
    if (flip.replyTo == null || flip.routersApplied < routers) {
      return null;
    }
    byRequest.remove(requestId);
    return new Completed(new ControlResult(requestId, flip.version), flip.replyTo);
  }

  private static final class Pending {
    ActorRef<ControlResult> replyTo;
    int routersApplied;
    long version;
  }
}
