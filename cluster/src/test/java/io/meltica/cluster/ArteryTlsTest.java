package io.meltica.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValueFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** meltica.cluster.tls into Artery's settings, and every store problem caught before start. */
class ArteryTlsTest {
  private static final String ENGINE = "pekko.remote.artery.ssl.config-ssl-engine.";

  @TempDir static Path dir;
  private static Path keyStore;
  private static Path trustStore;

  @BeforeAll
  static void makeStores() {
    TestStores stores = new TestStores(dir);
    keyStore = stores.keyStore("node-1");
    trustStore = stores.trustStore("trust", keyStore);
  }

  private static Config settings(Config tls) {
    return tls.withFallback(ConfigFactory.load());
  }

  private static Config with(String key, Object value) {
    return TestStores.tls(keyStore, trustStore)
        .withValue(
            ArteryTls.PATH + "." + key,
            ConfigValueFactory.fromAnyRef(value instanceof Path path ? path.toString() : value));
  }

  @Test
  void shouldLeaveArteryAloneWithTlsOff() {
    Config defaults = ConfigFactory.load();

    assertThat(ArteryTls.enabled(defaults)).as("off by default").isFalse();
    assertThat(ArteryTls.arterySettings(defaults).isEmpty()).isTrue();
  }

  @Test
  void shouldConfigureTlsTcpWithMutualAuthenticationByDefault() {
    Config artery = ArteryTls.arterySettings(settings(TestStores.tls(keyStore, trustStore)));

    assertThat(artery.getString("pekko.remote.artery.transport")).isEqualTo("tls-tcp");
    assertThat(artery.getString(ENGINE + "key-store")).isEqualTo(keyStore.toString());
    assertThat(artery.getString(ENGINE + "trust-store")).isEqualTo(trustStore.toString());
    assertThat(artery.getString(ENGINE + "key-store-password")).isEqualTo(TestStores.PASSWORD);
    assertThat(artery.getString(ENGINE + "key-password"))
        .as("empty: the key store's password")
        .isEqualTo(TestStores.PASSWORD);
    assertThat(artery.getString(ENGINE + "trust-store-password")).isEqualTo(TestStores.PASSWORD);
    assertThat(artery.getBoolean(ENGINE + "require-mutual-authentication")).isTrue();
    assertThat(artery.getBoolean(ENGINE + "hostname-verification")).isFalse();
    assertThat(artery.getString(ENGINE + "protocol")).isEqualTo("TLSv1.3");
    assertThat(artery.getStringList(ENGINE + "enabled-algorithms"))
        .containsExactly("TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384");
    // what Pekko reads is complete once Pekko's own defaults are behind it
    Config full = artery.withFallback(ConfigFactory.load());
    assertThat(full.getString("pekko.remote.artery.ssl.ssl-engine-provider"))
        .isEqualTo("org.apache.pekko.remote.artery.tcp.ConfigSSLEngineProvider");
  }

  @Test
  void shouldMakeARelativeStorePathAbsolute() {
    Path relative = Path.of("").toAbsolutePath().relativize(keyStore);
    Config artery = ArteryTls.arterySettings(settings(with("key-store", relative.toString())));

    assertThat(artery.getString(ENGINE + "key-store")).isEqualTo(keyStore.toString());
  }

  @Test
  void shouldRefuseATlsWithoutAKeyStoreNamingTheSetting() {
    assertThatThrownBy(() -> ArteryTls.arterySettings(settings(with("key-store", ""))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("meltica.cluster.tls.key-store is not set");
  }

  @Test
  void shouldRefuseAMissingStoreNamingTheSettingAndThePath() {
    Path missing = dir.resolve("missing.p12");

    assertThatThrownBy(() -> ArteryTls.arterySettings(settings(with("trust-store", missing))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("meltica.cluster.tls.trust-store")
        .hasMessageContaining(missing.toString());
    assertThatThrownBy(() -> ArteryTls.arterySettings(settings(with("key-store", dir))))
        .as("a directory")
        .hasMessageContaining("meltica.cluster.tls.key-store: cannot read " + dir);
  }

  @Test
  void shouldRefuseAFileThatIsNotAKeyStore() throws IOException {
    Path garbage = Files.writeString(dir.resolve("garbage.p12"), "not a key store");

    assertThatThrownBy(() -> ArteryTls.arterySettings(settings(with("key-store", garbage))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("meltica.cluster.tls.key-store: cannot open " + garbage);
  }

  @Test
  void shouldRefuseAWrongPasswordNamingIt() {
    assertThatThrownBy(
            () -> ArteryTls.arterySettings(settings(with("trust-store-password", "wrong"))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("meltica.cluster.tls.trust-store: cannot open " + trustStore)
        .hasMessageContaining("meltica.cluster.tls.trust-store-password");
  }

  @Test
  void shouldSayWhereThePasswordComesFromWhenItIsEmpty() {
    assertThatThrownBy(() -> ArteryTls.arterySettings(settings(with("key-store-password", ""))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("meltica.cluster.tls.key-store: cannot open " + keyStore)
        .hasMessageContaining("MELTICA_TLS_KEY_STORE_PASSWORD");
  }

  @Test
  void shouldRefuseStoresSwappedAround() {
    Config swapped = settings(TestStores.tls(trustStore, keyStore));

    assertThatThrownBy(() -> ArteryTls.arterySettings(swapped))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("meltica.cluster.tls.key-store: " + trustStore)
        .hasMessageContaining("no private key");
  }

  @Test
  void shouldRefuseAnUnknownProtocolOrCipherSuite() {
    assertThatThrownBy(() -> ArteryTls.arterySettings(settings(with("protocol", "TLSv9"))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("meltica.cluster.tls.protocol");
    assertThatThrownBy(
            () ->
                ArteryTls.arterySettings(
                    settings(with("enabled-algorithms", List.of("TLS_NOT_A_SUITE")))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("meltica.cluster.tls.enabled-algorithms")
        .hasMessageContaining("TLS_NOT_A_SUITE");
  }
}
