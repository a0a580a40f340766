package io.meltica.cluster;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Throwaway PKCS12 key and trust stores, made at test time with the JDK's own keytool in a
 * directory the test owns (nothing binary in the repository), the way docs/cluster.md#tls makes
 * them: one EC key pair and self-signed certificate per node, for 127.0.0.1 and localhost, and a
 * trust store holding the certificates of the nodes to accept.
 */
final class TestStores {
  /** The password of every store made here. */
  static final String PASSWORD = "meltica-test-password";

  private final Path dir;

  TestStores(Path dir) {
    this.dir = dir;
  }

  /** A key store {@code alias}.p12 with a new key pair and a certificate for {@code CN=alias}. */
  Path keyStore(String alias) {
    Path store = dir.resolve(alias + ".p12");
    keytool(
        "-genkeypair",
        "-alias",
        alias,
        "-keyalg",
        "EC",
        "-groupname",
        "secp256r1",
        "-dname",
        "CN=" + alias,
        "-ext",
        "SAN=ip:127.0.0.1,dns:localhost",
        "-validity",
        "2",
        "-keystore",
        store.toString(),
        "-storetype",
        "PKCS12",
        "-storepass",
        PASSWORD);
    return store;
  }

  /** A trust store {@code name}.p12 holding the certificate of each of {@code keyStores}. */
  Path trustStore(String name, Path... keyStores) {
    Path store = dir.resolve(name + ".p12");
    for (Path keyStore : keyStores) {
      String alias = keyStore.getFileName().toString().replace(".p12", "");
      Path certificate = dir.resolve(alias + ".crt");
      keytool(
          "-exportcert",
          "-alias",
          alias,
          "-keystore",
          keyStore.toString(),
          "-storepass",
          PASSWORD,
          "-file",
          certificate.toString());
      keytool(
          "-importcert",
          "-noprompt",
          "-alias",
          alias,
          "-file",
          certificate.toString(),
          "-keystore",
          store.toString(),
          "-storetype",
          "PKCS12",
          "-storepass",
          PASSWORD);
    }
    return store;
  }

  /** {@code meltica.cluster.tls} on, with these stores and {@link #PASSWORD}. */
  static Config tls(Path keyStore, Path trustStore) {
    return ConfigFactory.parseMap(
        Map.of(
            ArteryTls.PATH + ".enabled",
            true,
            ArteryTls.PATH + ".key-store",
            keyStore.toString(),
            ArteryTls.PATH + ".trust-store",
            trustStore.toString(),
            ArteryTls.PATH + ".key-store-password",
            PASSWORD));
  }

  private static void keytool(String... args) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
    command.addAll(List.of(args));
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
        throw new IllegalStateException(
            "keytool " + String.join(" ", args) + " failed:\n" + output);
      }
    } catch (IOException e) {
      throw new IllegalStateException("cannot run keytool", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while keytool ran", e);
    }
  }
}
