/**
 * A JUnit 5 test kit for code that uses Meltica. {@link MelticaTestKit} gives each test a fresh
 * ActorSystem and pipeline and, after the test, fails it unless {@link
 * io.meltica.leakcheck.LeakCheck} finds everything cleaned up. {@link TestEvents} builds and
 * publishes events on a pipeline by name.
 *
 * <h2>Threading</h2>
 *
 * Register one {@link MelticaTestKit} per test, on an instance field; it makes the system and the
 * pipeline on first use. {@link TestEvents} is not thread-safe: use one instance per publishing
 * thread.
 */
package io.meltica.testkit;
