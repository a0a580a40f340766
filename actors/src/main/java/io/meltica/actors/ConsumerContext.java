package io.meltica.actors;

import io.meltica.protocol.ConsumerMessage;
import io.meltica.protocol.IdRegistry;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.slf4j.Logger;

/**
 * What a handler may ask about the strategy it runs in. Valid only on the strategy's own actor,
 * during a handler call.
 */
public interface ConsumerContext {
  /** The strategy's id in this pipeline (events targeted at it carry this id). */
  int consumerId();

  /** The name it was subscribed with. */
  String consumerName();

  /** The oldest routing version of market data the strategy still accepts. */
  long minAcceptedVersion();

  /** Instrument and venue names for the ids in events. */
  IdRegistry ids();

  /** A logger whose lines carry this strategy's consumer_id and the event's trace_id. */
  Logger log();

  /** The underlying Pekko actor context, for those who want to spawn, watch or schedule. */
  ActorContext<ConsumerMessage> actorContext();
}
