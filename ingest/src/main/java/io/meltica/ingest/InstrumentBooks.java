package io.meltica.ingest;

import io.meltica.protocol.IdRegistry;
import java.util.function.IntFunction;

/**
 * A feed's local books, one per instrument, each made on its instrument's first message.
 *
 * <p>Not thread-safe: owned by a feed and used by its one stream stage.
 *
 * @param <B> the venue's book
 */
final class InstrumentBooks<B extends LocalBook> {
  private final Object[] books;
  private final IntFunction<B> make;

  /**
   * @param make the book of an instrument id, called once per instrument
   */
  InstrumentBooks(IdRegistry ids, IntFunction<B> make) {
    this.books = new Object[ids.instrumentCount() + 1];
    this.make = make;
  }

  /** The book of {@code instrumentId}, made now if this is its first message. */
  B get(int instrumentId) {
    B book = peek(instrumentId);
    if (book == null) {
      book = make.apply(instrumentId);
      books[instrumentId] = book;
    }
    return book;
  }

  /** Whether {@code instrumentId} has a book and it is stale. */
  boolean isStale(int instrumentId) {
    B book = peek(instrumentId);
    return book != null && book.isStale();
  }

  /** Every book made so far learns that the live connection ended after {@code lineNumber}. */
  void connectionLost(long lineNumber) {
    for (Object book : books) {
      if (book != null) {
        ((LocalBook) book).connectionLost(lineNumber);
      }
    }
  }

  @SuppressWarnings("unchecked") // only make's books are stored
  private B peek(int instrumentId) {
    return (B) books[instrumentId];
  }
}
