package io.meltica.ingest;

import java.util.TreeMap;

/** Book levels for the venues' book tests: made by hand, and read back from a {@link BookSide}. */
final class BookTestSupport {
  private BookTestSupport() {}

  /** {@code levels(10, 5, 9, 1)}: price 10 size 5, price 9 size 1. */
  static BookLevels levels(long... priceSizePairs) {
    long[] prices = new long[priceSizePairs.length / 2];
    long[] sizes = new long[prices.length];
    for (int i = 0; i < prices.length; i++) {
      prices[i] = priceSizePairs[2 * i];
      sizes[i] = priceSizePairs[2 * i + 1];
    }
    return new BookLevels(prices, sizes);
  }

  /** The side's levels, price to size, as kept. */
  static TreeMap<Long, Long> levelsOf(BookSide side) {
    TreeMap<Long, Long> levels = new TreeMap<>();
    for (int i = 0; i < side.count(); i++) {
      levels.put(side.priceAt(i), side.sizeAt(i));
    }
    return levels;
  }
}
