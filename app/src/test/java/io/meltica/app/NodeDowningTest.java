package io.meltica.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import org.junit.jupiter.api.Test;

/** {@code meltica node} downs crashed nodes unless told how otherwise. */
class NodeDowningTest {
  private static final String PROVIDER = "pekko.cluster.downing-provider-class";

  @Test
  void shouldUseTheSplitBrainResolverWithKeepMajorityByDefault() {
    Config base = ConfigFactory.load();

    Config node = NodeCommand.downing(base).withFallback(base);

    assertThat(node.getString(PROVIDER))
        .isEqualTo("org.apache.pekko.cluster.sbr.SplitBrainResolverProvider");
    assertThat(node.getString("pekko.cluster.split-brain-resolver.active-strategy"))
        .isEqualTo("keep-majority");
  }

  @Test
  void shouldKeepADowningProviderAndStrategyTheConfigurationChose() {
    Config base =
        ConfigFactory.parseString(
                PROVIDER
                    + " = com.example.OurDowning\n"
                    + "pekko.cluster.split-brain-resolver.active-strategy = keep-oldest")
            .withFallback(ConfigFactory.load());

    Config node = NodeCommand.downing(base).withFallback(base);

    assertThat(node.getString(PROVIDER)).isEqualTo("com.example.OurDowning");
    assertThat(node.getString("pekko.cluster.split-brain-resolver.active-strategy"))
        .isEqualTo("keep-oldest");
  }
}
