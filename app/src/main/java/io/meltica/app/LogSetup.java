package io.meltica.app;

import ch.qos.logback.classic.ClassicConstants;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.util.ContextInitializer;
import ch.qos.logback.core.joran.spi.JoranException;
import org.slf4j.LoggerFactory;

/**
 * Chooses the log format before anything logs: logback.xml picks its appenders from the system
 * property {@value #FORMAT_PROPERTY}, and Logback is reconfigured so that the choice also holds
 * when Logback was already initialised (several runs in one JVM, as in tests).
 */
final class LogSetup {
  static final String FORMAT_PROPERTY = "meltica.log.format";

  private LogSetup() {}

  static synchronized void apply(RunOptions.LogFormat format) {
    System.setProperty(FORMAT_PROPERTY, format.name().toUpperCase(java.util.Locale.ROOT));
    if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
      return; // SLF4J is initialising on another thread; it reads the property itself
    }
    context.reset();
    try {
      if (System.getProperty(ClassicConstants.CONFIG_FILE_PROPERTY) != null) {
        new ContextInitializer(context).autoConfig(); // the user's own configuration file
      } else {
        // The command's logback.xml by name, not Logback's search, which prefers any
        // logback-test.xml on the classpath (a test jar's, in the command line's own tests).
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(context);
        configurator.doConfigure(LogSetup.class.getResource("/logback.xml"));
      }
    } catch (JoranException e) {
      throw new IllegalStateException("logback.xml could not be read", e);
    }
  }
}
