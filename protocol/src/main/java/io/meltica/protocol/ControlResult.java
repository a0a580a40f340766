package io.meltica.protocol;

/**
 * Payload of a CONTROL_RESULT event and the answer to {@link FlipRouting}: every strategy now
 * accepts only market data of {@code routingVersion} or newer.
 */
public record ControlResult(long requestId, long routingVersion) {
  /** Reads the payload of a CONTROL_RESULT event. */
  public static ControlResult from(Event event) {
    ControlAck.requireKind(event, EventKind.CONTROL_RESULT);
    return new ControlResult(event.correlationId(), event.routingVersion());
  }

  /** Fills {@code event} as a CONTROL_RESULT carrying this payload; allocates nothing. */
  public Event writeTo(Event event) {
    return event
        .setKind(EventKind.CONTROL_RESULT)
        .setCorrelationId(requestId)
        .setRoutingVersion(routingVersion);
  }
}
