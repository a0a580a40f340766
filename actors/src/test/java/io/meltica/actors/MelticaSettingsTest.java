package io.meltica.actors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.meltica.actors.mailbox.MarketDataPolicy;
import io.meltica.pool.PoolConfig;
import io.meltica.protocol.IdRegistry;
import io.meltica.supervision.SupervisionSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MelticaSettingsTest {
  private static MelticaSettings read(String overrides) {
    Config config = ConfigFactory.parseString(overrides).withFallback(ConfigFactory.load());
    return MelticaSettings.fromConfig(config);
  }

  private static MelticaSettings withVenues(List<Integer> expected, int fanOutSampleEvery) {
    return new MelticaSettings(
        IdRegistry.of(List.of("A"), List.of("v")),
        PoolConfig.ofCapacity(8),
        SupervisionSettings.resume(),
        true,
        expected,
        Duration.ofMillis(50),
        fanOutSampleEvery,
        1,
        64,
        FanOutMode.SHARED,
        1,
        "d",
        "m",
        Duration.ofSeconds(1),
        10,
        new MelticaSettings.Ingest(64, 0.8),
        MelticaSettings.MarketData.conflate());
  }

  @Test
  void shouldReadTheReferenceDefaults() {
    MelticaSettings settings = read("");

    assertThat(settings.ids().instrumentSymbols())
        .containsExactly("BTC-USDT", "ETH-USDT", "SOL-USDT");
    assertThat(settings.ids().venueNames()).containsExactly("binance", "okx", "coinbase");
    assertThat(settings.mergeEnabled()).isTrue();
    assertThat(settings.expectedVenues()).as("empty means every venue").containsExactly(1, 2, 3);
    assertThat(settings.mergeTimeout()).isEqualTo(Duration.ofMillis(50));
    assertThat(settings.fanOutSampleEvery()).isEqualTo(1024);
    assertThat(settings.latencySampleEvery()).isEqualTo(64);
    assertThat(settings.routerBatchSize()).isEqualTo(64);
    assertThat(settings.fanOutMode()).isEqualTo(FanOutMode.SHARED);
    assertThat(settings.consumerDispatcher()).isEqualTo("meltica.strategy-dispatcher");
    assertThat(settings.consumerMailbox()).isEqualTo("meltica.strategy-mailboxes");
    assertThat(settings.marketData().policyOf("anyone")).isEqualTo(MarketDataPolicy.CONFLATE);
    assertThat(settings.shutdownTimeout()).isEqualTo(Duration.ofSeconds(10));
    assertThat(settings.maxFailureTraces()).isEqualTo(10_000);
    assertThat(settings.pool().capacity()).isEqualTo(65_536);
    assertThat(settings.supervision().restart()).isFalse();
  }

  @Test
  void shouldReadExpectedVenuesInTheirConfiguredOrder() {
    MelticaSettings settings =
        read(
            "meltica.orchestrator.merge { expected-venues = [coinbase, binance], enabled = off,"
                + " timeout = 5ms }");

    assertThat(settings.expectedVenues()).containsExactly(3, 1);
    assertThat(settings.mergeEnabled()).isFalse();
    assertThat(settings.mergeTimeout()).isEqualTo(Duration.ofMillis(5));
  }

  @Test
  void shouldRejectAnUnknownExpectedVenueNamingIt() {
    assertThatThrownBy(() -> read("meltica.orchestrator.merge.expected-venues = [binance, kraken]"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("kraken");
  }

  @Test
  void shouldRejectMoreThanEightExpectedVenuesNamingTheKey() {
    assertThatThrownBy(() -> read("meltica.venues = [v1, v2, v3, v4, v5, v6, v7, v8, v9]"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("meltica.orchestrator.merge.expected-venues")
        .hasMessageContaining("9 venues");
  }

  @Test
  void shouldAcceptEightExpectedVenues() {
    MelticaSettings settings = read("meltica.venues = [v1, v2, v3, v4, v5, v6, v7, v8]");

    assertThat(settings.expectedVenues()).hasSize(8);
  }

  @Test
  void shouldRejectANegativeFanOutSampleEveryNamingTheKey() {
    assertThatThrownBy(() -> read("meltica.router.fan-out-sample-every = -1"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("meltica.router.fan-out-sample-every")
        .hasMessageContaining("-1");
    assertThat(withVenues(List.of(), 0).fanOutSampleEvery()).as("0 is never").isZero();
  }

  @Test
  void shouldRejectALatencySampleBelowOneNamingTheKey() {
    assertThatThrownBy(() -> read("meltica.strategy.latency-sample-every = 0"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("meltica.strategy.latency-sample-every")
        .hasMessageContaining("0");
  }

  @Test
  void shouldRunOneRouterPerCoreByDefaultOrTheConfiguredNumber() {
    assertThat(read("").routerPartitions()).isEqualTo(Runtime.getRuntime().availableProcessors());
    assertThat(read("meltica.router.partitions = 3").routerPartitions()).isEqualTo(3);
  }

  @Test
  void shouldRejectZeroRouterPartitionsNamingTheKey() {
    assertThatThrownBy(() -> read("meltica.router.partitions = 0"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("meltica.router.partitions")
        .hasMessageContaining("got 0");
  }

  @Test
  void shouldNotKeepAVenueListedTwiceInExpectedVenues() {
    Throwable rejected =
        catchThrowable(
            () -> {
              MelticaSettings settings =
                  read("meltica.orchestrator.merge.expected-venues = [binance, binance, okx]");
              assertThat(settings.expectedVenues()).doesNotHaveDuplicates();
            });

    if (rejected instanceof IllegalArgumentException) {
      assertThat(rejected).hasMessageContaining("expected-venues");
    } else {
      assertThat(rejected).as("either rejected or listed once").isNull();
    }
  }

  @Test
  void shouldCopyTheExpectedVenues() {
    List<Integer> venues = new ArrayList<>(List.of(1));
    MelticaSettings settings = withVenues(venues, 1);

    venues.add(2);

    assertThat(settings.expectedVenues()).containsExactly(1);
    assertThatThrownBy(() -> settings.expectedVenues().add(3))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> withVenues(List.of(1, 2, 3, 4, 5, 6, 7, 8, 9), 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at most 8");
  }
}
