package io.meltica.ingest;

import com.typesafe.config.Config;
import java.time.Duration;
import org.apache.pekko.stream.RestartSettings;

/**
 * How every live venue connects (docs/venues.md, "Live feeds"), from {@code meltica.live}.
 *
 * @param reconnect exponential backoff between connections, unlimited restarts
 * @param idleTimeout a connection that receives nothing for this long is closed and replaced
 * @param maxMessageBytes the longest text message kept (UTF-8 bytes); a longer one is counted as a
 *     {@code too_long} reject and dropped
 */
record LiveSettings(RestartSettings reconnect, Duration idleTimeout, int maxMessageBytes) {

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
        (int) maxBytes);
  }
}
