package io.meltica.actors;

import io.meltica.protocol.Event;

/**
 * A strategy's reaction to one event. Called on the strategy's own actor, one event at a time,
 * never concurrently with itself, so the handler's own state needs no synchronisation.
 *
 * <p>The event is valid only during the call: it goes back to the pool as soon as the handler
 * returns (or throws). Copy the fields you need to keep; never store the event itself. In debug
 * mode a stored event throws on its next access.
 *
 * <p>A handler that throws is recovered by supervision (resumed by default) and the failure is
 * logged with the event's trace id; the other strategies are not affected.
 */
@FunctionalInterface
public interface EventHandler {
  void onEvent(Event event, StrategyContext context) throws Exception;
}
