package io.meltica.actors;

import io.meltica.protocol.Event;
import io.meltica.protocol.EventKind;
import java.util.Arrays;
import java.util.List;
import java.util.function.ObjLongConsumer;

/**
 * Collects partial quotes from the expected venues into one merge window per instrument and folds
 * them into a consolidated top of book: best bid is the highest bid, best ask the lowest ask, each
 * with the summed size of the venues quoting that price; every venue's quote is kept as a leg. The
 * consolidated quote carries the oldest routing version among its partials.
 *
 * <p>A venue quoting again before the window closes replaces its earlier partial, which is handed
 * back for recycling. The merger holds its partials: it keeps the generation each arrived with and
 * hands it back with the envelope, for the release. The table of windows is sized from the
 * registry's instrument count when the merger is made; an instrument id outside it is not accepted
 * (entrances refuse such events before they get here). Confined to the orchestrator actor;
 * allocates only when an instrument's window is first needed.
 */
final class QuoteMerger {
  private final int[] slotOfVenue;
  private final int[] venueOfSlot;
  private final Window[] windows;
  private long mergeSequence;
  private long replacedGeneration;

  /**
   * @param expectedVenues venue ids whose quotes are merged, at most {@link Event#MAX_LEGS}
   * @param instrumentCount instrument ids run from 1 to this (the registry's count)
   */
  QuoteMerger(List<Integer> expectedVenues, int instrumentCount) {
    windows = new Window[instrumentCount + 1];
    int highest = expectedVenues.stream().mapToInt(Integer::intValue).max().orElse(0);
    slotOfVenue = new int[highest + 1];
    Arrays.fill(slotOfVenue, -1);
    venueOfSlot = new int[expectedVenues.size()];
    for (int slot = 0; slot < venueOfSlot.length; slot++) {
      venueOfSlot[slot] = expectedVenues.get(slot);
      slotOfVenue[venueOfSlot[slot]] = slot;
    }
  }

  /** Whether {@code event} is a partial quote this merger takes. */
  boolean accepts(Event event) {
    int venue = event.venueId();
    int instrument = event.instrumentId();
    return event.kind() == EventKind.QUOTE
        && instrument > 0
        && instrument < windows.length
        && venue > 0
        && venue < slotOfVenue.length
        && slotOfVenue[venue] >= 0;
  }

  /**
   * Takes a partial accepted by {@link #accepts}, held under {@code generation}; returns the
   * earlier partial of the same venue it replaces (to be recycled with {@link
   * #replacedGeneration()}), or null.
   */
  Event put(Event quote, long generation) {
    Window window = window(quote.instrumentId());
    int slot = slotOfVenue[quote.venueId()];
    Event replaced = window.partials[slot];
    replacedGeneration = window.generations[slot];
    window.partials[slot] = quote;
    window.generations[slot] = generation;
    if (replaced == null) {
      window.count++;
    }
    return replaced;
  }

  /** The generation of the partial the last {@link #put} replaced. */
  long replacedGeneration() {
    return replacedGeneration;
  }

  /** Partials waiting in the instrument's window. */
  int count(int instrumentId) {
    return instrumentId >= 0 && instrumentId < windows.length && windows[instrumentId] != null
        ? windows[instrumentId].count
        : 0;
  }

  /** Whether every expected venue has reported for the instrument. */
  boolean isComplete(int instrumentId) {
    return count(instrumentId) == venueOfSlot.length;
  }

  /**
   * Fills {@code merged} as the consolidated quote of the instrument's window, moves the partials
   * into {@code partialsOut} and their generations into {@code generationsOut}, and closes the
   * window.
   *
   * @return how many partials were moved (to be recycled)
   */
  int merge(int instrumentId, Event merged, Event[] partialsOut, long[] generationsOut) {
    Window window = windows[instrumentId];
    long bestBid = Long.MIN_VALUE;
    long bestAsk = Long.MAX_VALUE;
    for (Event partial : window.partials) {
      if (partial != null) {
        if (partial.bidSize() > 0) {
          bestBid = Math.max(bestBid, partial.bidPrice());
        }
        if (partial.askSize() > 0) {
          bestAsk = Math.min(bestAsk, partial.askPrice());
        }
      }
    }
    long bidSize = 0;
    long askSize = 0;
    long firstIngest = Long.MAX_VALUE;
    long lastEventTime = 0;
    long traceId = 0;
    long oldestVersion = Long.MAX_VALUE;
    int moved = 0;
    merged.setKind(EventKind.CONSOLIDATED_QUOTE).setInstrumentId(instrumentId);
    for (int slot = 0; slot < window.partials.length; slot++) {
      Event partial = window.partials[slot];
      if (partial == null) {
        continue;
      }
      bidSize += partial.bidSize() > 0 && partial.bidPrice() == bestBid ? partial.bidSize() : 0;
      askSize += partial.askSize() > 0 && partial.askPrice() == bestAsk ? partial.askSize() : 0;
      if (partial.ingestTimeNanos() < firstIngest) {
        firstIngest = partial.ingestTimeNanos();
        traceId = partial.traceId();
      }
      lastEventTime = Math.max(lastEventTime, partial.eventTimeNanos());
      oldestVersion = Math.min(oldestVersion, partial.routingVersion());
      merged.addLeg(
          venueOfSlot[slot],
          partial.bidPrice(),
          partial.bidSize(),
          partial.askPrice(),
          partial.askSize());
      partialsOut[moved] = partial;
      generationsOut[moved++] = window.generations[slot];
      window.partials[slot] = null;
    }
    window.count = 0;
    fill(merged, bestBid, bidSize, bestAsk, askSize, firstIngest, lastEventTime, traceId);
    merged.setRoutingVersion(oldestVersion);
    return moved;
  }

  private void fill(
      Event merged,
      long bestBid,
      long bidSize,
      long bestAsk,
      long askSize,
      long firstIngest,
      long lastEventTime,
      long traceId) {
    merged
        .setTopOfBook(bidSize == 0 ? 0 : bestBid, bidSize, askSize == 0 ? 0 : bestAsk, askSize)
        .setIngestTimeNanos(firstIngest)
        .setEventTimeNanos(lastEventTime)
        .setTraceId(traceId)
        .setVenueSequence(++mergeSequence);
  }

  /**
   * Hands every waiting partial, with its generation, to {@code sink} and closes every window
   * (shutdown).
   */
  void drainAll(ObjLongConsumer<Event> sink) {
    for (Window window : windows) {
      if (window == null) {
        continue;
      }
      for (int slot = 0; slot < window.partials.length; slot++) {
        if (window.partials[slot] != null) {
          sink.accept(window.partials[slot], window.generations[slot]);
          window.partials[slot] = null;
        }
      }
      window.count = 0;
    }
  }

  /** Most partials one window can hold; the size of the array {@link #merge} fills. */
  int capacity() {
    return venueOfSlot.length;
  }

  private Window window(int instrumentId) {
    Window window = windows[instrumentId];
    if (window == null) {
      window = new Window(venueOfSlot.length);
      windows[instrumentId] = window;
    }
    return window;
  }

  private static final class Window {
    final Event[] partials;
    final long[] generations;
    int count;

    Window(int venues) {
      partials = new Event[venues];
      generations = new long[venues];
    }
  }
}
