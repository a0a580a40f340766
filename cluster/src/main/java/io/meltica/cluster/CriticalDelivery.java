package io.meltica.cluster;

import io.meltica.protocol.StrategyMessage;
import org.apache.pekko.actor.typed.ActorRef;

/**
 * A critical event (execution report, control ack or result) on its way to a strategy entity,
 * possibly on another node, possibly for the second time: at-least-once. The event travels in the
 * wire format (immutable bytes), so the sender can keep it for re-sending after its pooled envelope
 * went back to the pool.
 *
 * @param producerId the sending node's incarnation: sequence numbers are per producer
 * @param seq the producer's sequence number for this entity, from 1
 * @param payload the event, {@code EventWireFormat}-encoded
 * @param ackTo where the entity confirms {@code seq}
 */
public record CriticalDelivery(
    String producerId,
    String entityId,
    long seq,
    byte[] payload,
    ActorRef<CriticalSender.Command> ackTo)
    implements StrategyMessage, ClusterMessage {}
