/**
 * The messages and values the pipeline's actors exchange. {@link Event} is the pooled, mutable
 * envelope every venue event travels in; its ownership lifecycle is in {@link PooledEnvelope}.
 * {@link EventBatch} carries several events for one strategy. {@link OrchestratorMessage}, {@link
 * RouterMessage} and {@link StrategyMessage} are what each actor accepts. {@link FlipRouting},
 * {@link UpdateMinVersion}, {@link MinVersionConfirmed}, {@link ControlAck} and {@link
 * ControlResult} carry routing flips; {@link Subscribe} and {@link Unsubscribe} change the router's
 * subscriptions. {@link IdRegistry} interns names to small ints, {@link FixedPoint} is the scale of
 * every price and quantity, and {@link EventValidator} checks events at the pipeline's entrances.
 *
 * <h2>Threading</h2>
 *
 * An {@link Event} or {@link EventBatch} has one owner at a time and is not thread-safe. Sending it
 * in a message hands it over, and the send orders the sender's writes before the receiver's reads.
 * The envelope's ownership stamp is volatile and changed only by CAS, so a double or late release
 * fails on any thread with {@link ReleaseRefusedException}. {@link IdRegistry} and {@link
 * EventValidator} are immutable and safe to share between threads; the records and enums are
 * immutable.
 */
package io.meltica.protocol;
