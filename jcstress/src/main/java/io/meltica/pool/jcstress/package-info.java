/**
 * jcstress tests of the envelope pool's ownership races: {@link AcquireVsReleaseTest}, {@link
 * DoubleReleaseRaceTest}, {@link LateReleaseVsReacquireTest}, {@link ReleaseThenAcquireSwapTest}
 * and {@link SharedReleaseRaceTest}. Each checks that an envelope never has two owners for one
 * generation and that the pool's counters add up afterwards. {@link Races} holds what the tests'
 * actors do and the codes they record.
 *
 * <h2>Threading</h2>
 *
 * Concurrency is the subject here. jcstress runs the {@code @Actor} methods of each {@code @State}
 * object on different threads at once, then the {@code @Arbiter} after all of them. The pool under
 * test, {@link io.meltica.pool.EventPool}, is thread-safe; the tests add no synchronisation of
 * their own.
 */
package io.meltica.pool.jcstress;
