package io.meltica.ingest;

import com.typesafe.config.Config;
import io.meltica.protocol.IdRegistry;
import java.util.List;

/**
 * What every {@link LiveProtocol} reads from {@code meltica.live.<venue>}: the WebSocket {@code
 * url} and the {@code symbols} subscribed, each checked against the venue's symbol mapping, and the
 * depth of the books its feed keeps ({@code meltica.books.levels-per-side}).
 *
 * <p>Immutable and thread-safe.
 */
abstract class SubscribedLiveProtocol implements LiveProtocol {
  private final String venue;
  private final String url;
  private final List<String> symbols;
  private final VenueSymbols mapping;
  final int levelsPerSide;

  /**
   * @throws IllegalArgumentException if a symbol is not mapped in {@code
   *     meltica.venue-symbols.<venue>} (naming the key) or the mapping does not fit {@code ids}
   */
  SubscribedLiveProtocol(String venue, Config config, IdRegistry ids) {
    String path = "meltica.live." + venue;
    this.venue = venue;
    this.mapping = VenueSymbols.fromConfig(config, venue, ids);
    this.url = config.getString(path + ".url");
    this.symbols = mappedSymbols(config, path + ".symbols", mapping);
    this.levelsPerSide = config.getInt("meltica.books.levels-per-side");
  }

  private static List<String> mappedSymbols(Config config, String path, VenueSymbols mapping) {
    List<String> symbols = config.getStringList(path);
    if (symbols.isEmpty()) {
      throw new IllegalArgumentException(path + " must name at least one symbol");
    }
    for (String symbol : symbols) {
      if (mapping.instrumentId(symbol) == VenueSymbols.UNMAPPED) {
        throw new IllegalArgumentException(
            path
                + " names \""
                + symbol
                + "\", which is not mapped in meltica.venue-symbols."
                + mapping.venue());
      }
    }
    return List.copyOf(symbols);
  }

  @Override
  public final String venue() {
    return venue;
  }

  @Override
  public final String url() {
    return url;
  }

  @Override
  public final List<String> symbols() {
    return symbols;
  }

  @Override
  public final VenueSymbols mapping() {
    return mapping;
  }
}
