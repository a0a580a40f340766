package io.meltica.app;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Options every run shares: configuration, reports, metrics endpoint and log format. */
final class RunOptions {
  /** The format of log lines. */
  enum LogFormat {
    text,
    json
  }

  @Option(
      names = "--config",
      paramLabel = "FILE",
      description =
          "HOCON configuration over the defaults (default: ./application.conf if present)")
  Path config;

  @Option(names = "--report-json", paramLabel = "FILE", description = "Write the JSON report here")
  Path reportJson;

  @Option(
      names = "--report-html",
      paramLabel = "FILE",
      description = "Write the HTML report (self-contained, with charts) here")
  Path reportHtml;

  @Option(
      names = "--metrics-port",
      paramLabel = "PORT",
      description =
          "Serve Prometheus metrics on 127.0.0.1:PORT/metrics while running; 0 turns it off"
              + " (default: kamon.prometheus.embedded-server.port)")
  Integer metricsPort;

  @Option(
      names = "--log-format",
      paramLabel = "FORMAT",
      description =
          "Log lines as ${COMPLETION-CANDIDATES} (default: meltica.log-format, else text)")
  LogFormat logFormat;

  /** The configuration of this run: the --config file, else ./application.conf, over defaults. */
  Config load() {
    Path file = config != null ? config : Path.of("application.conf");
    if (config != null && !Files.isReadable(config)) {
      throw new IllegalArgumentException("cannot read configuration file " + config);
    }
    Config defaults = ConfigFactory.load();
    return Files.isReadable(file)
        ? ConfigFactory.parseFile(file.toFile()).withFallback(defaults).resolve()
        : defaults;
  }

  /** The log format: the option if given, else {@code meltica.log-format} of the config. */
  LogFormat logFormat(Config config) {
    if (logFormat != null) {
      return logFormat;
    }
    String configured = config.getString("meltica.log-format").toLowerCase(java.util.Locale.ROOT);
    try {
      return LogFormat.valueOf(configured);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "meltica.log-format must be text or json, got '" + configured + "'");
    }
  }

  /** The metrics port: the option if given, else the configured one; 0 means off. */
  int metricsPort(Config config) {
    if (metricsPort != null) {
      if (metricsPort < 0 || metricsPort > 65535) {
        throw new IllegalArgumentException("--metrics-port must be 0 to 65535, got " + metricsPort);
      }
      return metricsPort;
    }
    return config.getInt("kamon.prometheus.embedded-server.port");
  }
}
