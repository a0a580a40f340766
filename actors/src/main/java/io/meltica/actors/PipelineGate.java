package io.meltica.actors;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Whether the pipeline still takes events, and the hand-shake that keeps a {@code publish} from
 * racing {@code stop}: a publisher {@link #enter}s before it checks the gate and tells the
 * orchestrator, and {@link #close} waits until every publisher that got in has {@link #exit}ed.
 * After {@code close} returns, every event let in is in the orchestrator's mailbox, so stopping the
 * orchestrator turns it into a dead letter that the dead-letter recycler still takes back.
 *
 * <p>Lock-free for publishers: an increment, a decrement and a volatile read. {@link #close} spins
 * for as long as the publishers inside take to tell one message. The count is one {@link
 * AtomicLong}, not a {@code LongAdder}: a striped sum is not a snapshot (a cell a contended
 * increment adds may be missed), and this hand-shake needs the publisher's increment and the
 * closer's flag ordered against each other.
 *
 * <p>Thread-safe.
 */
final class PipelineGate {
  private final AtomicLong inside = new AtomicLong();
  private volatile boolean closed;
  private volatile String broken;

  /**
   * Enters the gate; always pair with {@link #exit()} in a finally block.
   *
   * @return whether events may go in: the gate is neither closed nor broken
   */
  boolean enter() {
    inside.incrementAndGet();
    return !closed && broken == null;
  }

  void exit() {
    inside.decrementAndGet();
  }

  /** Closes the gate and waits until every publisher inside has left. */
  void close() {
    closed = true;
    // A publisher that got in before the flag counted itself first: wait for it to leave.
    while (inside.get() != 0) {
      Thread.onSpinWait();
    }
  }

  boolean isClosed() {
    return closed;
  }

  /** The pipeline cannot go on (an actor on the event path stopped): why, for publishers. */
  void markBroken(String why) {
    broken = why;
  }

  /** Why the pipeline is broken, or null. */
  String broken() {
    return broken;
  }
}
