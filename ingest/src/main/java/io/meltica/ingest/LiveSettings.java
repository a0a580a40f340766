package io.meltica.ingest;

import com.typesafe.config.Config;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.apache.pekko.stream.RestartSettings;

/**
 * How every live venue connects (docs/venues.md, "Live feeds"), from {@code meltica.live}.
 *
 * @param reconnect exponential backoff between connections, unlimited restarts
 * @param idleTimeout a connection that receives nothing for this long is closed and replaced
 * @param maxMessageBytes the longest text message kept (UTF-8 bytes); a longer one is counted as a
 *     {@code too_long} reject and dropped
 * @param recordTo the folder recordings are written to, or empty: none
 */
record LiveSettings(
    RestartSettings reconnect, Duration idleTimeout, int maxMessageBytes, Optional<Path> recordTo) {

  static LiveSettings fromConfig(Config config) {
    Config live = config.getConfig("meltica.live");
    Duration minBackoff = live.getDuration("reconnect.min-backoff");
    Duration maxBackoff = live.getDuration("reconnect.max-backoff");
    if (minBackoff.isZero() || minBackoff.compareTo(maxBackoff) > 0) {
      throw new IllegalArgumentException(
          "meltica.live.reconnect.min-backoff must be above 0 and at most max-backoff, got "
              + minBackoff
              + " and "
              + maxBackoff);
    }
    long maxBytes = live.getBytes("max-message-bytes");
    if (maxBytes < 1 || maxBytes > Integer.MAX_VALUE) {
      throw new IllegalArgumentException(
          "meltica.live.max-message-bytes must be between 1 and 2 GiB, got " + maxBytes);
    }
    return new LiveSettings(
        RestartSettings.create(minBackoff, maxBackoff, live.getDouble("reconnect.random-factor")),
        live.getDuration("idle-timeout"),
        (int) maxBytes,
        recordTo(live.getString("record-to")));
  }

  private static Optional<Path> recordTo(String folder) {
    if (folder.isBlank()) {
      return Optional.empty();
    }
    Path dir = Path.of(folder);
    if (!Files.isDirectory(dir) || !Files.isWritable(dir)) {
      throw new IllegalArgumentException(
          "meltica.live.record-to must be a writable folder, got \"" + folder + "\"");
    }
    return Optional.of(dir);
  }
}
