/**
 * Leak checks for tests and runs. {@link LeakCheck} is a JUnit 5 extension: after each test it
 * terminates the watched ActorSystems and fails the test if an envelope is still in use, a release
 * was refused, the pool's counts do not add up, or a non-daemon thread was left behind. {@link
 * ThreadLeaks} finds those threads; it is plain Java, and the command line uses it too.
 *
 * <h2>Threading</h2>
 *
 * Neither class is thread-safe. Set up a {@link LeakCheck} from the test's thread, and use a {@link
 * ThreadLeaks} from one thread.
 */
package io.meltica.leakcheck;
