package io.meltica.pool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.typesafe.config.ConfigFactory;
import org.junit.jupiter.api.Test;

class PoolConfigTest {

  @Test
  void shouldReadTheShippedDefaultsAndHonourTheDebugProperty() {
    PoolConfig config = PoolConfig.fromConfig(ConfigFactory.load());

    assertThat(config.capacity()).isEqualTo(65536);
    assertThat(config.debug()).as("-Dmeltica.pool.debug=true wins over debug = false").isTrue();
  }

  @Test
  void shouldReadOverrides() {
    PoolConfig config =
        PoolConfig.fromConfig(
            ConfigFactory.parseString("meltica.pool { capacity = 100, debug = true }")
                .withFallback(ConfigFactory.load()));

    assertThat(config).isEqualTo(new PoolConfig(100, true, false));
    assertThat(config.lastReleasedFirst()).as("free-order = auto, in debug mode").isFalse();
  }

  @Test
  void shouldReadTheFreeOrderAndRejectAnUnknownOneNamingTheKeyAndValue() {
    assertThat(order("lifo").lastReleasedFirst()).isTrue();
    assertThat(order("fifo").lastReleasedFirst()).isFalse();
    assertThatThrownBy(() -> order("newest"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("meltica.pool.free-order")
        .hasMessageContaining("'newest'");
  }

  private static PoolConfig order(String freeOrder) {
    return PoolConfig.fromConfig(
        ConfigFactory.parseString("meltica.pool.free-order = " + freeOrder)
            .withFallback(ConfigFactory.load()));
  }

  @Test
  void shouldRejectANonPositiveCapacityNamingTheKey() {
    assertThatThrownBy(() -> new PoolConfig(0, false, false))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("meltica.pool.capacity")
        .hasMessageContaining("0");
  }
}
