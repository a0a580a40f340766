package io.meltica.app;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** {@code --live VENUE}, shared by {@code simulate} and {@code node}. */
final class LiveOption {
  @Option(
      names = "--live",
      paramLabel = "VENUE",
      description =
          "Ingest this venue's live WebSocket feed (binance, okx, coinbase; meltica.live.VENUE,"
              + " docs/venues.md) instead of synthetic venues; repeatable")
  List<String> venues = new ArrayList<>();
}
