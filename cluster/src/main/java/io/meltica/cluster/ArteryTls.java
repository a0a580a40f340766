package io.meltica.cluster;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManagerFactory;

/**
 * Artery over TLS from Meltica's settings: {@code meltica.cluster.tls} (see the module's
 * reference.conf) becomes {@code pekko.remote.artery.transport = tls-tcp} and the settings of
 * Pekko's {@code ConfigSSLEngineProvider} ({@code pekko.remote.artery.ssl.config-ssl-engine}),
 * built as values. Pekko opens the stores only at the first connection; {@link #arterySettings}
 * opens them at once, so a missing or unreadable store, a wrong password or an unknown algorithm
 * stops the node before its ActorSystem starts, with the setting and the file named.
 *
 * <pre>{@code
 * Config config = ArteryTls.arterySettings(base).withFallback(base);
 * ActorSystem<Void> system = ActorSystem.create(Behaviors.empty(), "meltica", config);
 * }</pre>
 *
 * <p>Stateless; safe from any thread.
 */
public final class ArteryTls {
  /** The section of Meltica's configuration this reads. */
  public static final String PATH = "meltica.cluster.tls";

  private static final String ENGINE = "pekko.remote.artery.ssl.config-ssl-engine.";

  private ArteryTls() {}

  /** Whether {@code meltica.cluster.tls.enabled} is on in {@code config}. */
  public static boolean enabled(Config config) {
    return config.getBoolean(PATH + ".enabled");
  }

  /**
   * The Artery settings for {@code meltica.cluster.tls} of {@code config}, to put in front of it:
   * empty when TLS is off; else the {@code tls-tcp} transport and the SSL engine's settings, with
   * store paths made absolute. The stores are opened and checked first.
   *
   * @throws IllegalArgumentException naming the setting (and the file) that is wrong: a store that
   *     is not set, missing, unreadable, not a key store or locked with another password; a key
   *     store without a private key, a trust store without a certificate; an unknown protocol or
   *     cipher suite
   */
  public static Config arterySettings(Config config) {
    if (!enabled(config)) {
      return ConfigFactory.empty();
    }
    Config tls = config.getConfig(PATH);
    String keyStorePassword = tls.getString("key-store-password");
    String keyPassword = orElse(tls.getString("key-password"), keyStorePassword);
    String trustStorePassword = orElse(tls.getString("trust-store-password"), keyStorePassword);
    Path keyStorePath = file(tls, "key-store");
    Path trustStorePath = file(tls, "trust-store");
    KeyStore keyStore = open(keyStorePath, "key-store", keyStorePassword);
    KeyStore trustStore = open(trustStorePath, "trust-store", trustStorePassword);
    String protocol = tls.getString("protocol");
    List<String> algorithms = tls.getStringList("enabled-algorithms");
    check(keyStore, keyStorePath, keyPassword, trustStore, trustStorePath, protocol, algorithms);

    Map<String, Object> values = new HashMap<>();
    values.put("pekko.remote.artery.transport", "tls-tcp");
    values.put(ENGINE + "key-store", keyStorePath.toString());
    values.put(ENGINE + "key-store-password", keyStorePassword);
    values.put(ENGINE + "key-password", keyPassword);
    values.put(ENGINE + "trust-store", trustStorePath.toString());
    values.put(ENGINE + "trust-store-password", trustStorePassword);
    values.put(ENGINE + "protocol", protocol);
    values.put(ENGINE + "enabled-algorithms", algorithms);
    values.put(
        ENGINE + "require-mutual-authentication", tls.getBoolean("require-mutual-authentication"));
    values.put(ENGINE + "hostname-verification", tls.getBoolean("hostname-verification"));
    return ConfigFactory.parseMap(values, "Artery TLS from " + PATH);
  }

  private static String orElse(String value, String fallback) {
    return value.isEmpty() ? fallback : value;
  }

  /** The store file {@code key} names, absolute: Pekko opens it relative to the working dir. */
  private static Path file(Config tls, String key) {
    String value = tls.getString(key);
    if (value.isBlank()) {
      throw new IllegalArgumentException(
          PATH
              + "."
              + key
              + " is not set: TLS is on and needs a "
              + (key.equals("key-store")
                  ? "key store with this node's private key and certificate"
                  : "trust store with the certificates of the nodes (or their CA) to accept")
              + " (docs/cluster.md#tls shows how to make them)");
    }
    Path path = Path.of(value).toAbsolutePath().normalize();
    if (!Files.exists(path)) {
      throw new IllegalArgumentException(PATH + "." + key + ": no such file: " + path);
    }
    if (!Files.isRegularFile(path) || !Files.isReadable(path)) {
      throw new IllegalArgumentException(PATH + "." + key + ": cannot read " + path);
    }
    return path;
  }

  /** Opens {@code path} as Pekko will: the JVM's default key store type (PKCS12, reads JKS). */
  private static KeyStore open(Path path, String key, String password) {
    try (InputStream in = Files.newInputStream(path)) {
      KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
      store.load(in, password.toCharArray());
      return store;
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalArgumentException(
          PATH
              + "."
              + key
              + ": cannot open "
              + path
              + " with "
              + PATH
              + "."
              + key
              + "-password (a PKCS12 or JKS file and its password): "
              + e.getMessage()
              + (password.isEmpty()
                  ? "; the password is empty: set it in the configuration or in MELTICA_TLS_"
                      + key.toUpperCase(Locale.ROOT).replace('-', '_')
                      + "_PASSWORD"
                  : ""),
          e);
    }
  }

  private static void check(
      KeyStore keyStore,
      Path keyStorePath,
      String keyPassword,
      KeyStore trustStore,
      Path trustStorePath,
      String protocol,
      List<String> algorithms) {
    try {
      if (!Collections.list(keyStore.aliases()).stream().anyMatch(a -> isKey(keyStore, a))) {
        throw new IllegalArgumentException(
            PATH + ".key-store: " + keyStorePath + " holds no private key (is it a trust store?)");
      }
      if (!Collections.list(trustStore.aliases()).stream()
          .anyMatch(a -> isCertificate(trustStore, a))) {
        throw new IllegalArgumentException(
            PATH + ".trust-store: " + trustStorePath + " holds no trusted certificate");
      }
      KeyManagerFactory keys =
          KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      try {
        keys.init(keyStore, keyPassword.toCharArray());
      } catch (GeneralSecurityException e) {
        throw new IllegalArgumentException(
            PATH + ".key-password does not unlock the key in " + keyStorePath + ": " + e, e);
      }
      TrustManagerFactory trust =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      trust.init(trustStore);
      SSLContext context;
      try {
        context = SSLContext.getInstance(protocol);
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalArgumentException(
            PATH + ".protocol: this JVM has no '" + protocol + "' (try TLSv1.3)", e);
      }
      context.init(keys.getKeyManagers(), trust.getTrustManagers(), null);
      SSLParameters supported = context.getSupportedSSLParameters();
      if (!Arrays.asList(supported.getProtocols()).contains(protocol)) {
        throw new IllegalArgumentException(
            PATH + ".protocol: '" + protocol + "' is not a protocol of an SSL engine");
      }
      Set<String> unknown = new TreeSet<>(algorithms);
      unknown.removeAll(Arrays.asList(supported.getCipherSuites()));
      if (algorithms.isEmpty() || !unknown.isEmpty()) {
        throw new IllegalArgumentException(
            PATH
                + ".enabled-algorithms: "
                + (algorithms.isEmpty() ? "empty" : "unknown to this JVM: " + unknown)
                + " (with TLSv1.3: TLS_AES_128_GCM_SHA256, TLS_AES_256_GCM_SHA384)");
      }
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException(
          PATH
              + ": cannot build a TLS context from "
              + keyStorePath
              + " and "
              + trustStorePath
              + ": "
              + e,
          e);
    }
  }

  private static boolean isKey(KeyStore store, String alias) {
    try {
      return store.isKeyEntry(alias);
    } catch (GeneralSecurityException e) {
      return false;
    }
  }

  private static boolean isCertificate(KeyStore store, String alias) {
    try {
      return store.isCertificateEntry(alias);
    } catch (GeneralSecurityException e) {
      return false;
    }
  }
}
