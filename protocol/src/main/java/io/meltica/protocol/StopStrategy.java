package io.meltica.protocol;

import org.apache.pekko.dispatch.ControlMessage;

/**
 * Stops a strategy now, ahead of what is queued: a Pekko {@link ControlMessage}, so in the
 * strategy's control-aware mailbox it overtakes queued market data, which goes back to the pool
 * when the actor stops. Cluster Sharding sends it to hand a strategy entity off (a rebalance, a
 * node leaving): Pekko's default stop message waits behind the whole backlog, and a busy strategy
 * held every hand-off up for its timeout. Local only, never serialized.
 */
public enum StopStrategy implements StrategyMessage, ControlMessage {
  INSTANCE
}
