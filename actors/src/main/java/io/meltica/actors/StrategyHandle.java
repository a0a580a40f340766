package io.meltica.actors;

import io.meltica.protocol.ConsumerMessage;
import org.apache.pekko.actor.typed.ActorRef;

/**
 * A subscribed strategy: the id its targeted events carry, its actor and its counters.
 *
 * @param ref the strategy's actor; sending it messages directly is rarely needed
 */
public record StrategyHandle(
    int consumerId, String name, ActorRef<ConsumerMessage> ref, ConsumerMetrics metrics) {}
