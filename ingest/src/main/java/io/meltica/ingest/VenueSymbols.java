package io.meltica.ingest;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import io.meltica.protocol.IdRegistry;
import java.util.HashMap;
import java.util.Map;

/**
 * One venue's symbols ({@code BTCUSDT}) mapped to Meltica's instrument ids, from {@code
 * meltica.venue-symbols.<venue>} (docs/venues.md). Every mapped instrument must be one of {@code
 * meltica.instruments}: a mistake in the configuration stops the start, not the hundredth line.
 *
 * <p>Immutable after construction; safe to share between threads.
 */
public final class VenueSymbols {
  /** What {@link #instrumentId} answers for a symbol that is not mapped. */
  public static final int UNMAPPED = 0;

  private final String venue;
  private final Map<String, Integer> instrumentIds;

  private VenueSymbols(String venue, Map<String, Integer> instrumentIds) {
    this.venue = venue;
    this.instrumentIds = Map.copyOf(instrumentIds);
  }

  /**
   * Reads {@code meltica.venue-symbols.<venue>}.
   *
   * @throws IllegalArgumentException if the section is missing, a value is not a string, or it
   *     names an instrument that is not configured
   */
  public static VenueSymbols fromConfig(Config config, String venue, IdRegistry ids) {
    String path = "meltica.venue-symbols." + venue;
    if (!config.hasPath(path)) {
      throw new IllegalArgumentException("no symbol mapping configured at " + path);
    }
    Map<String, String> names = new HashMap<>();
    for (Map.Entry<String, ConfigValue> entry : config.getObject(path).entrySet()) {
      ConfigValue value = entry.getValue();
      if (value.valueType() != ConfigValueType.STRING) {
        throw new IllegalArgumentException(
            path + "." + entry.getKey() + " must be an instrument name, got " + value.render());
      }
      names.put(entry.getKey(), (String) value.unwrapped());
    }
    return of(venue, names, ids);
  }

  /**
   * @param symbolToInstrument venue symbol → configured instrument name
   * @throws IllegalArgumentException naming the first instrument that is not in {@code ids}
   */
  public static VenueSymbols of(
      String venue, Map<String, String> symbolToInstrument, IdRegistry ids) {
    Map<String, Integer> instrumentIds = new HashMap<>();
    symbolToInstrument.forEach(
        (symbol, instrument) -> {
          if (!ids.hasInstrument(instrument)) {
            throw new IllegalArgumentException(
                "meltica.venue-symbols."
                    + venue
                    + "."
                    + symbol
                    + " names \""
                    + instrument
                    + "\", which is not in meltica.instruments");
          }
          instrumentIds.put(symbol, ids.instrumentId(instrument));
        });
    return new VenueSymbols(venue, instrumentIds);
  }

  public String venue() {
    return venue;
  }

  /** The instrument id of {@code symbol} (exact, case-sensitive), or {@link #UNMAPPED}. */
  public int instrumentId(String symbol) {
    Integer id = instrumentIds.get(symbol);
    return id == null ? UNMAPPED : id;
  }

  /**
   * The instrument id of {@code symbol}, read from {@code field} of a line.
   *
   * @throws LineRejected as {@code unknown_instrument}, naming the field and the symbol
   */
  int require(String field, String symbol) throws LineRejected {
    int id = instrumentId(symbol);
    if (id == UNMAPPED) {
      throw new LineRejected(
          RejectReason.UNKNOWN_INSTRUMENT,
          "'"
              + field
              + "' "
              + JsonFields.quoted(symbol)
              + " is not mapped in meltica.venue-symbols."
              + venue);
    }
    return id;
  }

  /** How many symbols are mapped. */
  public int size() {
    return instrumentIds.size();
  }
}
