/**
 * The bounded pool of {@link io.meltica.protocol.Event} envelopes. {@link EventPool} hands out
 * envelopes without blocking and takes them back only through its {@link Recycler}, which counts
 * every return by {@link RecycleReason}. {@link PoolConfig} holds the pool's settings, and {@link
 * LeakReport} lists the envelopes still out.
 *
 * <h2>Threading</h2>
 *
 * {@link EventPool} is thread-safe and lock-free: any thread may acquire and any thread may
 * release. Free envelopes sit in a lock-free last-in-first-out {@link FreeStack}, whose push/pop
 * pair hands a reset envelope to its next owner. The in-use count is an {@link
 * java.util.concurrent.atomic.AtomicLong}; the other counters are {@link
 * java.util.concurrent.atomic.LongAdder}s. {@link Recycler} is thread-safe, and any strategy thread
 * may call it. {@link PoolConfig} and {@link LeakReport} are records.
 */
package io.meltica.pool;
