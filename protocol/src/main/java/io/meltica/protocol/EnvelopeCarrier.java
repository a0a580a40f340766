package io.meltica.protocol;

import java.util.function.Consumer;

/**
 * A message that carries pooled envelopes without being one (a batch from the data bus). If such a
 * message ends as a dead letter, the dead-letter recycler takes its envelopes back through this
 * interface.
 */
public interface EnvelopeCarrier {
  /**
   * Hands every envelope still carried to {@code sink} and forgets it, so that a second call hands
   * over nothing.
   */
  void drainEnvelopes(Consumer<Event> sink);
}
