package io.meltica.protocol;

import java.util.List;

/**
 * Interns instrument symbols and venue names to small ints once, at start-up, so that events carry
 * ints and nothing on the hot path hashes a string. Ids run from 1; 0 means "none" in an {@link
 * Event}. Immutable and safe to share between threads.
 */
public final class IdRegistry {
  private final NameTable instruments;
  private final NameTable venues;

  private IdRegistry(List<String> instrumentSymbols, List<String> venueNames) {
    this.instruments = new NameTable("instrument", instrumentSymbols);
    this.venues = new NameTable("venue", venueNames);
  }

  /**
   * A registry of the given names, ids assigned in list order from 1.
   *
   * @throws IllegalArgumentException on a blank or duplicate name
   */
  public static IdRegistry of(List<String> instrumentSymbols, List<String> venueNames) {
    return new IdRegistry(instrumentSymbols, venueNames);
  }

  /**
   * @throws IllegalArgumentException naming the symbol and the known ones if it is unknown
   */
  public int instrumentId(String symbol) {
    return instruments.idOf(symbol);
  }

  public boolean hasInstrument(String symbol) {
    return instruments.contains(symbol);
  }

  /**
   * @throws IllegalArgumentException if no instrument has this id
   */
  public String instrumentSymbol(int id) {
    return instruments.nameOf(id);
  }

  public int instrumentCount() {
    return instruments.size();
  }

  /**
   * @throws IllegalArgumentException naming the venue and the known ones if it is unknown
   */
  public int venueId(String name) {
    return venues.idOf(name);
  }

  public boolean hasVenue(String name) {
    return venues.contains(name);
  }

  /**
   * @throws IllegalArgumentException if no venue has this id
   */
  public String venueName(int id) {
    return venues.nameOf(id);
  }

  public int venueCount() {
    return venues.size();
  }

  /** Symbols in id order (index 0 holds id 1). */
  public List<String> instrumentSymbols() {
    return List.of(instruments.names());
  }

  /** Venue names in id order (index 0 holds id 1). */
  public List<String> venueNames() {
    return List.of(venues.names());
  }
}
