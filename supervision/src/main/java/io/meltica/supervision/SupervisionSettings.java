package io.meltica.supervision;

import com.typesafe.config.Config;
import java.time.Duration;
import java.util.Locale;
import org.apache.pekko.actor.typed.SupervisorStrategy;
import org.slf4j.event.Level;

/**
 * How a strategy that throws is recovered, read from {@code meltica.strategy.supervision}.
 *
 * @param restart restart (fresh handler) instead of resume (same handler, next event)
 * @param maxRestarts with restart: restarts allowed within {@code restartWindow} before the
 *     strategy is stopped
 * @param logLevel level of the supervisor's own log line
 * @param perMessageMdc put trace_id and strategy_id in the MDC for every message ({@code
 *     Behaviors.withMdc}, a few hundred bytes per message) instead of only when something logs
 *     ({@link StrategyMdc})
 */
public record SupervisionSettings(
    boolean restart,
    int maxRestarts,
    Duration restartWindow,
    Level logLevel,
    boolean perMessageMdc) {

  /** Settings with the lazy MDC, the default. */
  public SupervisionSettings(
      boolean restart, int maxRestarts, Duration restartWindow, Level logLevel) {
    this(restart, maxRestarts, restartWindow, logLevel, false);
  }

  /** Resume, logging at DEBUG: the library default. */
  public static SupervisionSettings resume() {
    return new SupervisionSettings(false, 0, Duration.ZERO, Level.DEBUG);
  }

  /**
   * Reads {@code meltica.strategy.supervision}.
   *
   * @throws IllegalArgumentException naming the key and value if the strategy is unknown
   */
  public static SupervisionSettings fromConfig(Config config) {
    Config c = config.getConfig("meltica.strategy.supervision");
    String strategy = c.getString("strategy").toLowerCase(Locale.ROOT);
    if (!strategy.equals("resume") && !strategy.equals("restart")) {
      throw new IllegalArgumentException(
          "meltica.strategy.supervision.strategy must be resume or restart, got '"
              + strategy
              + "'");
    }
    String mdc = c.getString("mdc").toLowerCase(Locale.ROOT);
    if (!mdc.equals("lazy") && !mdc.equals("per-message")) {
      throw new IllegalArgumentException(
          "meltica.strategy.supervision.mdc must be lazy or per-message, got '" + mdc + "'");
    }
    return new SupervisionSettings(
        strategy.equals("restart"),
        c.getInt("max-restarts"),
        c.getDuration("restart-window"),
        Level.valueOf(c.getString("log-level").toUpperCase(Locale.ROOT)),
        mdc.equals("per-message"));
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
