package io.meltica.supervision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.typesafe.config.ConfigFactory;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.slf4j.event.Level;

class SupervisionSettingsTest {

  @Test
  void shouldDefaultToResumeWithTheSupervisorLoggingAtDebug() {
    SupervisionSettings settings = SupervisionSettings.fromConfig(ConfigFactory.load());

    assertThat(settings.restart()).isFalse();
    assertThat(settings.logLevel()).isEqualTo(Level.DEBUG);
    assertThat(settings.toStrategy()).isNotNull();
  }

  @Test
  void shouldReadARestartStrategyWithItsLimit() {
    SupervisionSettings settings =
        SupervisionSettings.fromConfig(
            ConfigFactory.parseString(
                    "meltica.strategy.supervision { strategy = restart, max-restarts = 3,"
                        + " restart-window = 5s, log-level = warn, mdc = lazy }")
                .withFallback(ConfigFactory.load()));

    assertThat(settings)
        .isEqualTo(new SupervisionSettings(true, 3, Duration.ofSeconds(5), Level.WARN, false));
    assertThat(settings.toStrategy().toString()).contains("Restart");
  }

  @Test
  void shouldNameTheKeyAndValueOfAnUnknownStrategy() {
    assertThatThrownBy(
            () ->
                SupervisionSettings.fromConfig(
                    ConfigFactory.parseString("meltica.strategy.supervision.strategy = escalate")
                        .withFallback(ConfigFactory.load())))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("meltica.strategy.supervision.strategy")
        .hasMessageContaining("escalate");
  }
}
