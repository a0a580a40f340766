package io.meltica.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.CRC32;

/**
 * An OKX book rebuilt independently of {@link OkxBook} and {@link BookSide}, for tests: sorted maps
 * of the levels as received, and OKX's checksum computed the plain way, by building the check
 * string and running {@link CRC32} over its bytes.
 */
final class OkxReference {
  final TreeMap<BigDecimal, String[]> bids = new TreeMap<>(Comparator.reverseOrder());
  final TreeMap<BigDecimal, String[]> asks = new TreeMap<>();

  /**
   * Applies the {@code bids} and {@code asks} of one {@code books} data element (plain Jackson).
   */
  void apply(JsonNode data) {
    apply(bids, data.get("bids"));
    apply(asks, data.get("asks"));
  }

  void clear() {
    bids.clear();
    asks.clear();
  }

  private static void apply(TreeMap<BigDecimal, String[]> side, JsonNode levels) {
    for (JsonNode level : levels) {
      String price = level.get(0).textValue();
      String size = level.get(1).textValue();
      if (new BigDecimal(size).signum() == 0) {
        side.remove(new BigDecimal(price));
      } else {
        side.put(new BigDecimal(price), new String[] {price, size});
      }
    }
  }

  /** The check string of the docs: best 25 of each side, bid and ask interleaved. */
  String checkString() {
    List<String[]> b = new ArrayList<>(bids.values());
    List<String[]> a = new ArrayList<>(asks.values());
    List<String> parts = new ArrayList<>();
    for (int i = 0; i < 25; i++) {
      if (i < b.size()) {
        parts.add(b.get(i)[0] + ":" + b.get(i)[1]);
      }
      if (i < a.size()) {
        parts.add(a.get(i)[0] + ":" + a.get(i)[1]);
      }
    }
    return String.join(":", parts);
  }

  int checksum() {
    return crc(checkString());
  }

  static int crc(String text) {
    CRC32 crc = new CRC32();
    crc.update(text.getBytes(StandardCharsets.US_ASCII));
    return (int) crc.getValue();
  }

  /** The levels as {@code price -> size}, in fixed point, best first. */
  static List<Map.Entry<Long, Long>> fixedPoint(TreeMap<BigDecimal, String[]> side) {
    List<Map.Entry<Long, Long>> out = new ArrayList<>();
    side.values()
        .forEach(
            l ->
                out.add(
                    Map.entry(
                        io.meltica.protocol.FixedPoint.parse(l[0]),
                        io.meltica.protocol.FixedPoint.parse(l[1]))));
    return out;
  }

  static List<Map.Entry<Long, Long>> levels(BookSide side) {
    List<Map.Entry<Long, Long>> out = new ArrayList<>();
    for (int i = 0; i < side.count(); i++) {
      out.add(Map.entry(side.priceAt(i), side.sizeAt(i)));
    }
    return out;
  }
}
