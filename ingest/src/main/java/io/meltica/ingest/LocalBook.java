package io.meltica.ingest;

/**
 * What a feed asks of each of its venue's local books beyond the venue's own rules: whether it is
 * stale (the venue's own top-of-book quotes are withheld then), and that the live connection was
 * lost (a book in sync goes stale until the next connection's snapshot).
 *
 * <p>Not thread-safe: a book is owned by the one stream stage that keeps its feed.
 */
interface LocalBook {
  /** Whether something was lost and no snapshot has brought the book back yet. */
  boolean isStale();

  /**
   * The live connection ended after line {@code lineNumber}: a book in sync goes stale (not counted
   * as a gap; the feed counts the disconnect) until the new connection's snapshot.
   */
  void connectionLost(long lineNumber);
}
