package io.meltica.supervision;

import com.typesafe.config.Config;
import java.time.Duration;
import java.util.Locale;
import org.apache.pekko.actor.typed.SupervisorStrategy;
import org.slf4j.event.Level;

/**
 * How a strategy that throws is recovered, read from {@code meltica.consumer.supervision}.
 *
 * @param restart restart (fresh handler) instead of resume (same handler, next event)
 * @param maxRestarts with restart: restarts allowed within {@code restartWindow} before the
 *     consumer is stopped
 * @param logLevel level of the supervisor's own log line
 */
public record SupervisionSettings(
    boolean restart, int maxRestarts, Duration restartWindow, Level logLevel) {

  /** Resume, logging at DEBUG: the library default. */
  public static SupervisionSettings resume() {
    return new SupervisionSettings(false, 0, Duration.ZERO, Level.DEBUG);
  }

  /**
   * Reads {@code meltica.consumer.supervision}.
   *
   * @throws IllegalArgumentException naming the key and value if the strategy is unknown
   */
  public static SupervisionSettings fromConfig(Config config) {
    Config c = config.getConfig("meltica.consumer.supervision");
    String strategy = c.getString("strategy").toLowerCase(Locale.ROOT);
    if (!strategy.equals("resume") && !strategy.equals("restart")) {
      throw new IllegalArgumentException(
          "meltica.consumer.supervision.strategy must be resume or restart, got '"
              + strategy
              + "'");
    }
    return new SupervisionSettings(
        strategy.equals("restart"),
        c.getInt("max-restarts"),
        c.getDuration("restart-window"),
        Level.valueOf(c.getString("log-level").toUpperCase(Locale.ROOT)));
  }

  /** The Pekko strategy these settings describe. */
  public SupervisorStrategy toStrategy() {
    SupervisorStrategy strategy =
        restart
            ? SupervisorStrategy.restart().withLimit(maxRestarts, restartWindow)
            : SupervisorStrategy.resume();
    return strategy.withLogLevel(logLevel);
  }
}
