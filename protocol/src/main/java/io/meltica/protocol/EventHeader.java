package io.meltica.protocol;

/**
 * The fields every {@link Event} carries whatever its kind: what it is, where it comes from, its
 * trace and routing version, and the pipeline's timestamps. Split from {@link Event} only to keep
 * each file readable; {@link Event} is the one class that extends it, and its setters return the
 * {@link Event} for chaining. Same ownership and threading as {@link Event}.
 */
abstract class EventHeader extends PooledEnvelope {
  private EventKind kind;
  private long traceId;
  private long routingVersion;
  private int venueId;
  private int instrumentId;
  private long venueSequence;
  private long eventTimeNanos;
  private long ingestTimeNanos;
  private int targetStrategyId;
  private long dispatchTimeNanos;
  private long fanOutSequence;

  EventHeader(boolean debug, boolean recordStacks, boolean live, Object origin, int poolSlot) {
    super(debug, recordStacks, live, origin, poolSlot);
  }

  /** The header half of {@link Event#copyInto}. */
  final void copyHeaderInto(EventHeader target) {
    target.kind = kind;
    target.traceId = traceId;
    target.routingVersion = routingVersion;
    target.venueId = venueId;
    target.instrumentId = instrumentId;
    target.venueSequence = venueSequence;
    target.eventTimeNanos = eventTimeNanos;
    target.ingestTimeNanos = ingestTimeNanos;
    target.targetStrategyId = targetStrategyId;
    target.dispatchTimeNanos = dispatchTimeNanos;
    target.fanOutSequence = fanOutSequence;
  }

  /** The header half of clearing and poisoning. */
  final void fillHeader(long longValue, int intValue, EventKind kindValue) {
    kind = kindValue;
    traceId = longValue;
    routingVersion = longValue;
    venueId = intValue;
    instrumentId = intValue;
    venueSequence = longValue;
    eventTimeNanos = longValue;
    ingestTimeNanos = longValue;
    targetStrategyId = intValue;
    dispatchTimeNanos = longValue;
    fanOutSequence = longValue;
  }

  private Event self() {
    return (Event) this; // Event is the only subclass
  }

  public EventKind kind() {
    checkLive();
    return kind;
  }

  public Event setKind(EventKind value) {
    checkWritable();
    kind = value;
    return self();
  }

  public long traceId() {
    checkLive();
    return traceId;
  }

  public Event setTraceId(long value) {
    checkWritable();
    traceId = value;
    return self();
  }

  public long routingVersion() {
    checkLive();
    return routingVersion;
  }

  public Event setRoutingVersion(long value) {
    checkWritable();
    routingVersion = value;
    return self();
  }

  public int venueId() {
    checkLive();
    return venueId;
  }

  public Event setVenueId(int value) {
    checkWritable();
    venueId = value;
    return self();
  }

  public int instrumentId() {
    checkLive();
    return instrumentId;
  }

  public Event setInstrumentId(int value) {
    checkWritable();
    instrumentId = value;
    return self();
  }

  /** The venue's own sequence number for this event. */
  public long venueSequence() {
    checkLive();
    return venueSequence;
  }

  public Event setVenueSequence(long value) {
    checkWritable();
    venueSequence = value;
    return self();
  }

  /** When the venue says the event happened, in epoch nanoseconds. */
  public long eventTimeNanos() {
    checkLive();
    return eventTimeNanos;
  }

  public Event setEventTimeNanos(long value) {
    checkWritable();
    eventTimeNanos = value;
    return self();
  }

  /** When Meltica took the event in, in {@link System#nanoTime()} units (for latency). */
  public long ingestTimeNanos() {
    checkLive();
    return ingestTimeNanos;
  }

  public Event setIngestTimeNanos(long value) {
    checkWritable();
    ingestTimeNanos = value;
    return self();
  }

  /** The only strategy to receive this event, or {@link Event#NO_TARGET}. */
  public int targetStrategyId() {
    checkLive();
    return targetStrategyId;
  }

  public Event setTargetStrategyId(int value) {
    checkWritable();
    targetStrategyId = value;
    return self();
  }

  /** When the router sent it to strategies, in {@link System#nanoTime()} units. */
  public long dispatchTimeNanos() {
    checkLive();
    return dispatchTimeNanos;
  }

  /**
   * The router's sample number for fan-out efficiency, or 0 if this fan-out is not sampled. Copies
   * of one fan-out share it.
   */
  public long fanOutSequence() {
    checkLive();
    return fanOutSequence;
  }

  /** Stamped by the router just before it sends the event (and its copies) to strategies. */
  public Event setDispatch(long dispatchNanos, long sampleSequence) {
    checkWritable();
    dispatchTimeNanos = dispatchNanos;
    fanOutSequence = sampleSequence;
    return self();
  }

  /** For logs and test failures; allocates. Never throws, even on a released envelope. */
  @Override
  public String toString() {
    if (!isLive()) {
      return "Event[released, generation " + generation() + "]";
    }
    return "Event["
        + kind
        + " trace="
        + TraceIds.format(traceId)
        + " v="
        + routingVersion
        + " venue="
        + venueId
        + " instrument="
        + instrumentId
        + " seq="
        + venueSequence
        + (targetStrategyId == Event.NO_TARGET ? "" : " target=" + targetStrategyId)
        + "]";
  }
}
