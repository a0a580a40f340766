package io.meltica.cluster;

import io.meltica.protocol.StrategyMessage;
import java.util.ArrayDeque;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityRef;

/**
 * One strategy entity's channel from this node: at most {@code window} critical events in flight
 * (sent, not yet acknowledged), in sequence order, and the ones that wait for room behind them.
 *
 * <p>Go-back-N: acknowledgements are cumulative; when none moves the window for the current wait,
 * the whole window is sent again, in order, and the wait doubles up to its cap. An entity that lost
 * nothing drops the copies as duplicates; one that moved gets everything it missed, and {@link
 * CriticalDelivery#oldestUnacked} tells it where to start.
 *
 * <p>Confined to the {@link CriticalSender}.
 */
final class CriticalOutbox {
  private final String producerId;
  private final String entityId;
  private final EntityRef<StrategyMessage> entity;
  private final ActorRef<CriticalSender.Command> ackTo;
  private final CriticalSettings settings;

  private final ArrayDeque<InFlight> inFlight = new ArrayDeque<>();
  private final ArrayDeque<byte[]> waiting = new ArrayDeque<>();

  /** Every sequence number up to this one was acknowledged. */
  private long ackedUpTo;

  private long resendDueNanos;
  private long waitNanos;

  CriticalOutbox(
      String producerId,
      String entityId,
      EntityRef<StrategyMessage> entity,
      ActorRef<CriticalSender.Command> ackTo,
      CriticalSettings settings) {
    this.producerId = producerId;
    this.entityId = entityId;
    this.entity = entity;
    this.ackTo = ackTo;
    this.settings = settings;
    this.waitNanos = settings.resendAfter().toNanos();
  }

  /** Sends {@code payload} now if the window has room, else queues it behind the others. */
  void offer(byte[] payload, long nowNanos) {
    if (inFlight.size() < settings.window()) {
      send(payload, nowNanos);
    } else {
      waiting.add(payload);
    }
  }

  /**
   * Everything up to {@code upTo} was handled. Returns how many in-flight events that acknowledged
   * for the first time; if any, the wait starts over and waiting events take their room.
   */
  int acknowledge(long upTo, long nowNanos) {
    int acked = 0;
    while (ackedUpTo < upTo && !inFlight.isEmpty()) {
      inFlight.poll();
      ackedUpTo++;
      acked++;
    }
    if (acked > 0) {
      waitNanos = settings.resendAfter().toNanos();
      resendDueNanos = nowNanos + waitNanos;
      while (!waiting.isEmpty() && inFlight.size() < settings.window()) {
        send(waiting.poll(), nowNanos);
      }
    }
    return acked;
  }

  /** Sends the window again if its wait is over; returns how many events that re-sent. */
  int resendIfDue(long nowNanos) {
    if (inFlight.isEmpty() || nowNanos - resendDueNanos < 0) {
      return 0;
    }
    long oldestUnacked = ackedUpTo + 1;
    for (InFlight event : inFlight) {
      entity.tell(event.delivery.resent(oldestUnacked));
    }
    waitNanos = Math.min(waitNanos * 2, settings.maxResendAfter().toNanos());
    resendDueNanos = nowNanos + waitNanos;
    return inFlight.size();
  }

  private void send(byte[] payload, long nowNanos) {
    if (inFlight.isEmpty()) {
      resendDueNanos = nowNanos + waitNanos;
    }
    long seq = ackedUpTo + inFlight.size() + 1;
    CriticalDelivery delivery =
        new CriticalDelivery(producerId, entityId, seq, ackedUpTo + 1, payload, ackTo);
    inFlight.add(new InFlight(delivery, nowNanos));
    entity.tell(delivery);
  }

  int inFlightCount() {
    return inFlight.size();
  }

  int waitingCount() {
    return waiting.size();
  }

  boolean isEmpty() {
    return inFlight.isEmpty() && waiting.isEmpty();
  }

  /** How long ago the oldest unacknowledged event was first sent; 0 if none is. */
  long oldestUnackedAgeNanos(long nowNanos) {
    InFlight oldest = inFlight.peek();
    return oldest == null ? 0 : nowNanos - oldest.firstSentNanos;
  }

  private record InFlight(CriticalDelivery delivery, long firstSentNanos) {}
}
