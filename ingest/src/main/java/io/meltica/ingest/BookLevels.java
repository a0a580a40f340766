package io.meltica.ingest;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Price levels of one book side as a venue sent them, in fixed point; a size of 0 removes the
 * level. Read from the {@code [["price","size"], ...]} pairs that Binance's depth messages and
 * Coinbase's level2 snapshot share (OKX's four-element levels keep their texts and have their own
 * {@link OkxMessage.Levels}).
 *
 * <p>Immutable once decoded (the arrays are never written after {@link #of} fills them); safe to
 * hand between stream stages.
 *
 * @param prices one per level
 * @param sizes one per level, same length as {@code prices}
 */
record BookLevels(long[] prices, long[] sizes) {
  static final BookLevels NONE = new BookLevels(new long[0], new long[0]);

  int count() {
    return prices.length;
  }

  /**
   * The array {@code field} of {@code data}, each element a {@code [price, size]} pair read
   * exactly; a price must be above 0, a size may be 0. A rejection names the element ({@code
   * bids[2][0]}) and its value.
   */
  static BookLevels of(JsonFields data, String field) throws LineRejected {
    JsonNode array = data.array(field);
    int count = array.size();
    if (count == 0) {
      return NONE;
    }
    long[] prices = new long[count];
    long[] sizes = new long[count];
    for (int i = 0; i < count; i++) {
      JsonNode pair = array.get(i);
      String name = field + "[" + i + "]";
      if (!pair.isArray() || pair.size() != 2) {
        throw new LineRejected(
            RejectReason.MISTYPED_FIELD,
            "'" + name + "' must be a [price, quantity] pair, got " + JsonFields.shown(pair));
      }
      prices[i] = JsonFields.positive(name + "[0]", JsonFields.amountOf(name + "[0]", pair.get(0)));
      sizes[i] = JsonFields.amountOf(name + "[1]", pair.get(1));
    }
    return new BookLevels(prices, sizes);
  }
}
