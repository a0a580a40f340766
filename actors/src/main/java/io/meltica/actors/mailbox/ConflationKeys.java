package io.meltica.actors.mailbox;

import com.typesafe.config.Config;
import io.meltica.protocol.Event;
import io.meltica.protocol.EventKind;

/**
 * The slot of a conflatable event's (instrument, kind, venue) in a strategy mailbox's table: one
 * slot per instrument and venue of the registry for each kind a newer event fully replaces (QUOTE,
 * BOOK_SNAPSHOT, CONSOLIDATED_QUOTE). The table is sized from the registry once, never from an id
 * that arrived; an id outside it gets no slot, and its event is queued without conflation (the
 * entrances refuse such ids before they get here).
 *
 * <p>Immutable; safe to share between threads.
 */
final class ConflationKeys {
  private static final int CONFLATABLE_KINDS = 3;

  private final int instruments;
  private final int venues;

  /**
   * @param instruments instrument ids run from 1 to this
   * @param venues venue ids run from 1 to this
   */
  ConflationKeys(int instruments, int venues) {
    this.instruments = instruments;
    this.venues = venues;
  }

  /** Keys for the registry of {@code meltica.instruments} and {@code meltica.venues}. */
  static ConflationKeys fromConfig(Config config) {
    return new ConflationKeys(
        config.getStringList("meltica.instruments").size(),
        config.getStringList("meltica.venues").size());
  }

  /** Slots in the table. */
  int size() {
    return (instruments + 1) * (venues + 1) * CONFLATABLE_KINDS;
  }

  /** The slot of {@code event}, or -1 if it is not conflatable or names an id outside the table. */
  int of(Event event) {
    int kindSlot = kindSlot(event.kind());
    int instrument = event.instrumentId();
    int venue = event.venueId();
    if (kindSlot < 0 || instrument < 0 || instrument > instruments || venue < 0 || venue > venues) {
      return -1;
    }
    return (instrument * (venues + 1) + venue) * CONFLATABLE_KINDS + kindSlot;
  }

  private static int kindSlot(EventKind kind) {
    if (kind == EventKind.QUOTE) {
      return 0;
    }
    if (kind == EventKind.BOOK_SNAPSHOT) {
      return 1;
    }
    return kind == EventKind.CONSOLIDATED_QUOTE ? 2 : -1;
  }
}
