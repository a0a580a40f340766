package io.meltica.pool;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The arrows of the design between the two lowest modules. The rule that only the pool puts
 * envelopes back is checked over every module in testkit-suites' ArchitectureTest.
 */
class ArchitectureTest {
  private static final JavaClasses MELTICA =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("io.meltica");

  @Test
  void shouldKeepProtocolFreeOfEveryOtherMelticaModule() {
    noClasses()
        .that()
        .resideInAPackage("io.meltica.protocol..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "io.meltica.pool..",
            "io.meltica.supervision..",
            "io.meltica.actors..",
            "io.meltica.testkit..",
            "io.meltica.app..",
            "io.meltica.bench..",
            "io.meltica.cluster..")
        .check(MELTICA);
  }

  @Test
  void shouldLetPoolDependOnlyOnProtocol() {
    noClasses()
        .that()
        .resideInAPackage("io.meltica.pool..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "io.meltica.supervision..",
            "io.meltica.actors..",
            "io.meltica.testkit..",
            "io.meltica.app..",
            "io.meltica.bench..",
            "io.meltica.cluster..")
        .check(MELTICA);
  }
}
