package io.meltica.actors;

import io.meltica.protocol.IdRegistry;
import io.meltica.protocol.StrategyMessage;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.slf4j.Logger;

/**
 * What a handler may ask about the strategy it runs in. Valid only on the strategy's own actor,
 * during a handler call.
 */
public interface StrategyContext {
  /** The strategy's id in this pipeline (events targeted at it carry this id). */
  int strategyId();

  /** The name it was subscribed with. */
  String strategyName();

  /** The oldest routing version of market data the strategy still accepts. */
  long minAcceptedVersion();

  /** Instrument and venue names for the ids in events. */
  IdRegistry ids();

  /** A logger whose lines carry its strategy_id and the event's trace_id. */
  Logger log();

  /** The underlying Pekko actor context, for those who want to spawn, watch or schedule. */
  ActorContext<StrategyMessage> actorContext();
}
