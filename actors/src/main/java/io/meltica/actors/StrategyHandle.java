package io.meltica.actors;

import io.meltica.protocol.StrategyMessage;
import org.apache.pekko.actor.typed.ActorRef;

/**
 * A subscribed strategy: the id its targeted events carry, its actor and its counters.
 *
 * @param ref the strategy's actor; sending it messages directly is rarely needed
 */
public record StrategyHandle(
    int strategyId, String name, ActorRef<StrategyMessage> ref, StrategyMetrics metrics) {}
