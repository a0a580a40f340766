/**
 * The strategies' mailbox. {@link MarketDataMailbox} is the Pekko mailbox type; it makes one {@link
 * MarketDataQueue} per strategy. The queue puts control messages first, never drops critical
 * events, and conflates or bounds market data by the strategy's {@link MarketDataPolicy}. {@link
 * MailboxDrops} counts what a policy took away. {@link StrategyMailboxes} is the ActorSystem
 * extension through which a strategy finds its mailbox's {@link MailboxDrops} and {@link
 * ControlLane}. {@link ConflationKeys} gives each (instrument, kind, venue) its conflation slot.
 *
 * <h2>Threading</h2>
 *
 * Any thread may enqueue into a {@link MarketDataQueue} (the router, control senders); the
 * strategy's actor thread dequeues. Every queue method holds the queue's monitor. {@link
 * ControlLane} is called by the strategy's own thread only. {@link MailboxDrops} is written by
 * whoever enqueues and read from any thread. {@link StrategyMailboxes} is thread-safe, one per
 * ActorSystem, backed by a {@link java.util.concurrent.ConcurrentHashMap}. {@link ConflationKeys}
 * is immutable.
 */
package io.meltica.actors.mailbox;
