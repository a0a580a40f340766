package io.meltica.bench.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads the interleaved rounds {@code bench/run.sh} ran: a tab-separated manifest, one line per JMH
 * fork, in the order they ran:
 *
 * <pre>
 * round  position  impl  jmh-json-file  loadavg-before  loadavg-after
 * </pre>
 *
 * <p>The file is relative to the manifest's folder. A fork whose file is missing or empty (it
 * failed) keeps its line with no figures, so a round with a failed fork still shows the others.
 * Stateless.
 */
public final class RoundManifest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int COLUMNS = 6;

  private RoundManifest() {}

  /** The rounds in {@code manifest}, by round number. */
  public static List<FanOutRound> read(Path manifest) throws IOException {
    Map<Integer, List<RoundRun>> byRound = new TreeMap<>();
    for (String line : Files.readAllLines(manifest)) {
      if (line.isBlank()) {
        continue;
      }
      String[] column = line.split("\t", -1);
      if (column.length != COLUMNS) {
        throw new IllegalArgumentException(
            manifest + ": expected " + COLUMNS + " tab-separated columns, got '" + line + "'");
      }
      String impl = column[2];
      FanOutRow row = row(manifest.resolveSibling(column[3]), impl);
      byRound
          .computeIfAbsent(Integer.parseInt(column[0]), round -> new ArrayList<>())
          .add(
              RoundRun.of(
                  impl, Integer.parseInt(column[1]), row, column[4].strip(), column[5].strip()));
    }
    List<FanOutRound> rounds = new ArrayList<>();
    byRound.forEach((round, runs) -> rounds.add(FanOutRound.of(round, runs)));
    return rounds;
  }

  /** {@code impl}'s row at N = 10 in one fork's JMH file, or null if it has none. */
  private static FanOutRow row(Path jmh, String impl) throws IOException {
    if (!Files.exists(jmh) || Files.size(jmh) == 0) {
      return null;
    }
    JsonNode root = JSON.readTree(jmh.toFile());
    return JmhResults.parse(root).fanOut().stream()
        .filter(r -> r.impl().equals(impl) && r.subscribers() == FanOutRounds.SUBSCRIBERS)
        .findFirst()
        .orElse(null);
  }
}
