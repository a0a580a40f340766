package io.meltica.protocol;

/**
 * Payload of a CONTROL_ACK event: the orchestrator accepted flip {@code requestId} and stamps
 * {@code routingVersion} from now on.
 */
public record ControlAck(long requestId, long routingVersion) {
  /** Reads the payload of a CONTROL_ACK event. */
  public static ControlAck from(Event event) {
    requireKind(event, EventKind.CONTROL_ACK);
    return new ControlAck(event.correlationId(), event.routingVersion());
  }

  /** Fills {@code event} as a CONTROL_ACK carrying this payload; allocates nothing. */
  public Event writeTo(Event event) {
    return event
        .setKind(EventKind.CONTROL_ACK)
        .setCorrelationId(requestId)
        .setRoutingVersion(routingVersion);
  }

  static void requireKind(Event event, EventKind expected) {
    if (event.kind() != expected) {
      throw new IllegalArgumentException("expected a " + expected + " event, got " + event.kind());
    }
  }
}
