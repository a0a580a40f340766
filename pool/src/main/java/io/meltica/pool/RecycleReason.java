package io.meltica.pool;

/** Why an envelope went back to the pool; the {@link Recycler} keeps a counter for each. */
public enum RecycleReason {
  /** A strategy's handler returned or threw: the post-handle hook recycled it. */
  STRATEGY_HANDLED,
  /** The strategy's gate dropped stale market data. */
  FILTERED_BY_GATE,
  /** The router found no strategy for it (or its target strategy is gone). */
  ZERO_SUBSCRIBERS,
  /** A partial quote, merged into a consolidated quote. */
  MERGE_PARTIAL,
  /** A partial quote whose merge window timed out. */
  MERGE_TIMEOUT,
  /**
   * Found in a dead letter or a dropped message (receiver stopped, mailbox full, ...), or sent to a
   * strategy's mailbox after it closed.
   */
  DEAD_LETTER,
  /** A bounded strategy mailbox had no room for it. */
  MAILBOX_OVERFLOW,
  /** A newer event for the same instrument, kind and venue replaced it in a conflating mailbox. */
  CONFLATED,
  /**
   * Input refused at an entrance: not decodable, or an event that fails validation (no kind, an id
   * outside the registry, a required field missing).
   */
  REJECTED_INPUT,
  /**
   * A pipeline actor (orchestrator, router) or a strategy's mailbox failed while it held the
   * envelope; the failure is logged and counted and the actor goes on.
   */
  PIPELINE_FAILURE,
  /** Written to the wire for a strategy on another node, which reads it into its own pool. */
  SENT_TO_NODE,
  /**
   * Sent towards a cluster entity and neither delivered nor written to the wire in time (stuck or
   * lost in a shard region or an Artery queue): its sender took it back.
   */
  TRANSIT_TIMEOUT,
  /** The pipeline stopped while it was in flight. */
  SHUTDOWN
}
