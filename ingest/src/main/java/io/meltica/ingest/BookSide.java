package io.meltica.ingest;

/**
 * One side of a local order book: price levels in preallocated arrays, kept sorted best first (bids
 * descending, asks ascending), found by binary search and inserted or removed by shifting. Nothing
 * is allocated after construction, so applying an update costs no garbage; a shift moves at most
 * {@code capacity} longs, which for a few thousand levels is a few microseconds at worst and far
 * less near the top, where most updates land.
 *
 * <p>When the side is full, a new level worse than every kept one is not tracked, and a better one
 * pushes the worst out: the book is exact for its best {@code capacity} levels, which is what a
 * venue's own snapshot depth gives anyway.
 *
 * <p>Not thread-safe: owned by the one stream stage that keeps the book.
 */
final class BookSide {
  private final boolean descending;
  private final long[] prices;
  private final long[] sizes;
  private final String[] priceTexts;
  private final String[] sizeTexts;
  private int count;

  /**
   * @param descending true for bids (best = highest), false for asks (best = lowest)
   * @param capacity levels kept
   */
  BookSide(boolean descending, int capacity) {
    this(descending, capacity, false);
  }

  /**
   * @param descending true for bids (best = highest), false for asks (best = lowest)
   * @param capacity levels kept
   * @param keepTexts whether each level also keeps its price and size as the venue wrote them
   *     (references to the decoder's strings, for a venue checksum over the text: OKX)
   */
  BookSide(boolean descending, int capacity, boolean keepTexts) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be >= 1, got " + capacity);
    }
    this.descending = descending;
    this.prices = new long[capacity];
    this.sizes = new long[capacity];
    this.priceTexts = keepTexts ? new String[capacity] : null;
    this.sizeTexts = keepTexts ? new String[capacity] : null;
  }

  /** Sets the size at {@code price}; a size of 0 removes the level. */
  void set(long price, long size) {
    set(price, size, null, null);
  }

  /**
   * Sets the size at {@code price}, keeping the texts as received if this side keeps texts; a size
   * of 0 removes the level.
   */
  void set(long price, long size, String priceText, String sizeText) {
    int index = indexOf(price);
    if (index >= 0) {
      if (size == 0) {
        System.arraycopy(prices, index + 1, prices, index, count - index - 1);
        System.arraycopy(sizes, index + 1, sizes, index, count - index - 1);
        if (priceTexts != null) {
          System.arraycopy(priceTexts, index + 1, priceTexts, index, count - index - 1);
          System.arraycopy(sizeTexts, index + 1, sizeTexts, index, count - index - 1);
          priceTexts[count - 1] = null;
          sizeTexts[count - 1] = null;
        }
        count--;
      } else {
        sizes[index] = size;
        if (priceTexts != null) {
          priceTexts[index] = priceText;
          sizeTexts[index] = sizeText;
        }
      }
      return;
    }
    if (size == 0) {
      return; // removing a level we do not hold: nothing to do
    }
    int insertAt = -index - 1;
    if (insertAt == prices.length) {
      return; // full, and worse than every kept level
    }
    int moved = Math.min(count, prices.length - 1) - insertAt;
    System.arraycopy(prices, insertAt, prices, insertAt + 1, moved);
    System.arraycopy(sizes, insertAt, sizes, insertAt + 1, moved);
    prices[insertAt] = price;
    sizes[insertAt] = size;
    if (priceTexts != null) {
      System.arraycopy(priceTexts, insertAt, priceTexts, insertAt + 1, moved);
      System.arraycopy(sizeTexts, insertAt, sizeTexts, insertAt + 1, moved);
      priceTexts[insertAt] = priceText;
      sizeTexts[insertAt] = sizeText;
    }
    count = Math.min(count + 1, prices.length);
  }

  /** Sets every level of {@code levels}, in order. */
  void setAll(BookLevels levels) {
    for (int i = 0; i < levels.count(); i++) {
      set(levels.prices()[i], levels.sizes()[i]);
    }
  }

  void clear() {
    if (priceTexts != null) {
      java.util.Arrays.fill(priceTexts, 0, count, null);
      java.util.Arrays.fill(sizeTexts, 0, count, null);
    }
    count = 0;
  }

  int count() {
    return count;
  }

  /** The best price, or 0 when the side is empty. */
  long bestPrice() {
    return count == 0 ? 0 : prices[0];
  }

  /** The size at the best price, or 0 when the side is empty. */
  long bestSize() {
    return count == 0 ? 0 : sizes[0];
  }

  /** The price of the {@code level}-th best level, from 0. */
  long priceAt(int level) {
    return prices[level];
  }

  /** The size of the {@code level}-th best level, from 0. */
  long sizeAt(int level) {
    return sizes[level];
  }

  /** The price of the {@code level}-th best level as received; only on a side that keeps texts. */
  String priceTextAt(int level) {
    return priceTexts[level];
  }

  /** The size of the {@code level}-th best level as received; only on a side that keeps texts. */
  String sizeTextAt(int level) {
    return sizeTexts[level];
  }

  /**
   * Like {@link java.util.Arrays#binarySearch(long[], long)} over the kept levels in this side's
   * order: the index of {@code price}, or {@code -(insertion point) - 1}.
   */
  private int indexOf(long price) {
    int low = 0;
    int high = count - 1;
    while (low <= high) {
      int mid = (low + high) >>> 1;
      long at = prices[mid];
      if (at == price) {
        return mid;
      }
      if (descending ? at > price : at < price) {
        low = mid + 1;
      } else {
        high = mid - 1;
      }
    }
    return -(low + 1);
  }
}
