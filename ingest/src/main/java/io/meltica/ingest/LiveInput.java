package io.meltica.ingest;

/**
 * What a live connection hands to its venue's feed, in arrival order: text messages (market data,
 * REST snapshots turned into lines, the venue's chatter), messages too long to keep, and the end of
 * the connection.
 *
 * <p>Immutable.
 */
sealed interface LiveInput {
  /** One whole text message. */
  record Text(String text) implements LiveInput {}

  /** A message of {@code length} bytes over the limit; its content is gone. */
  record TooLong(long length) implements LiveInput {}

  /** A binary message of {@code length} bytes, which no venue's feed reads. */
  record Binary(long length) implements LiveInput {}

  /** The connection ended or failed; nothing more comes from it. */
  enum ConnectionEnded implements LiveInput {
    INSTANCE
  }
}
