package io.meltica.actors;

import io.meltica.protocol.EnvelopeCarrier;
import io.meltica.protocol.Event;
import java.util.function.Consumer;
import org.apache.pekko.actor.typed.ActorRef;

/**
 * Events from the data bus, batched while the orchestrator was busy. One mutable batch object per
 * batch (not per event); it also carries the ack ref, so the stream sink needs no wrapper message.
 * If it ends as a dead letter, its envelopes are recycled through {@link EnvelopeCarrier}.
 *
 * <p>Filled by one stream stage, then handed to the orchestrator in a message: the send is the only
 * hand-over.
 */
public final class IngestBatch implements Orchestrator.Command, EnvelopeCarrier {
  private final Event[] events;
  private int count;
  private ActorRef<Orchestrator.IngestAck> ackTo;

  /** An empty batch with room for {@code capacity} events; it may stay empty (all refused). */
  public IngestBatch(int capacity) {
    events = new Event[capacity];
  }

  /** Adds an event; the data bus never adds more than the capacity. */
  public IngestBatch add(Event event) {
    events[count++] = event;
    return this;
  }

  /** Sets where the orchestrator acks this batch. */
  public IngestBatch ackTo(ActorRef<Orchestrator.IngestAck> ref) {
    ackTo = ref;
    return this;
  }

  public int size() {
    return count;
  }

  /** Where the orchestrator acks this batch. */
  ActorRef<Orchestrator.IngestAck> ackTo() {
    return ackTo;
  }

  @Override
  public void drainEnvelopes(Consumer<Event> sink) {
    for (int i = 0; i < count; i++) {
      sink.accept(events[i]);
      events[i] = null;
    }
    count = 0;
  }
}
