package io.meltica.cluster;

import io.meltica.protocol.StrategyMessage;
import org.apache.pekko.actor.typed.ActorRef;

/**
 * A critical event (execution report, control ack or result) on its way to a strategy entity,
 * possibly on another node, possibly for the second time: at-least-once, in order per sender. The
 * event travels in the wire format (immutable bytes), so the sender can keep it for re-sending
 * after its pooled envelope went back to the pool.
 *
 * @param producerId the sending node's incarnation: sequence numbers are per producer and entity
 * @param seq the producer's sequence number for this entity, from 1, without gaps
 * @param oldestUnacked the lowest sequence number the producer had not seen acknowledged when it
 *     sent this: everything below was handled by the entity (by this incarnation or one before it),
 *     so a new incarnation starts there and an inbox never waits for it
 * @param payload the event, {@code EventWireFormat}-encoded
 * @param ackTo where the entity confirms what it handled
 */
public record CriticalDelivery(
    String producerId,
    String entityId,
    long seq,
    long oldestUnacked,
    byte[] payload,
    ActorRef<CriticalSender.Command> ackTo)
    implements StrategyMessage, ClusterMessage {

  /** This delivery again, telling the entity the producer's current {@code oldestUnacked}. */
  CriticalDelivery resent(long oldestUnackedNow) {
    return new CriticalDelivery(producerId, entityId, seq, oldestUnackedNow, payload, ackTo);
  }
}
