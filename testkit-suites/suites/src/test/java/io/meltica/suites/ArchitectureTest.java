package io.meltica.suites;

import static com.tngtech.archunit.core.domain.JavaCall.Predicates.target;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.assignableTo;
import static com.tngtech.archunit.core.domain.properties.HasName.Predicates.name;
import static com.tngtech.archunit.core.domain.properties.HasOwner.Predicates.With.owner;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.meltica.protocol.PooledEnvelope;
import java.util.concurrent.Executor;
import org.junit.jupiter.api.Test;

/** The design's module arrows and ownership rules, over every Meltica module on the classpath. */
class ArchitectureTest {
  private static final JavaClasses MELTICA =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("io.meltica");

  @Test
  void shouldKeepTheModuleArrowsPointingOneWay() {
    layeredArchitecture()
        .consideringOnlyDependenciesInLayers()
        .layer("protocol")
        .definedBy("io.meltica.protocol..")
        .layer("pool")
        .definedBy("io.meltica.pool..")
        .layer("supervision")
        .definedBy("io.meltica.supervision..")
        .layer("actors")
        .definedBy("io.meltica.actors..")
        .layer("ingest")
        .definedBy("io.meltica.ingest..")
        .layer("simulation")
        .definedBy("io.meltica.simulation..")
        .layer("testkit")
        .definedBy("io.meltica.testkit..")
        .layer("cluster")
        .definedBy("io.meltica.cluster..")
        .layer("app")
        .definedBy("io.meltica.app..")
        .whereLayer("app")
        .mayNotBeAccessedByAnyLayer()
        .whereLayer("testkit")
        .mayNotBeAccessedByAnyLayer()
        .whereLayer("cluster")
        .mayOnlyBeAccessedByLayers("app")
        .whereLayer("simulation")
        .mayOnlyBeAccessedByLayers("testkit", "app")
        .whereLayer("ingest")
        .mayOnlyBeAccessedByLayers("simulation", "testkit", "app")
        .whereLayer("actors")
        .mayOnlyBeAccessedByLayers("ingest", "simulation", "testkit", "cluster", "app")
        .whereLayer("supervision")
        .mayOnlyBeAccessedByLayers("actors", "ingest", "simulation", "testkit", "cluster", "app")
        .whereLayer("pool")
        .mayOnlyBeAccessedByLayers(
            "supervision", "actors", "ingest", "simulation", "testkit", "cluster", "app")
        .check(MELTICA);
  }

  @Test
  void shouldKeepJacksonAndStreamsOutOfTheCore() {
    noClasses()
        .that()
        .resideInAnyPackage(
            "io.meltica.protocol..",
            "io.meltica.pool..",
            "io.meltica.supervision..",
            "io.meltica.actors..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("com.fasterxml.jackson..", "org.apache.pekko.stream..")
        .because("decoding and streaming are ingest's; the core routes envelopes")
        .check(MELTICA);
  }

  @Test
  void shouldUseTestLibrariesOnlyInTheTestkitAndTheLeakCheck() {
    noClasses()
        .that()
        .resideOutsideOfPackages("io.meltica.testkit..", "io.meltica.leakcheck..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "org.junit..", "org.awaitility..", "org.apache.pekko.actor.testkit..", "org.assertj..")
        .because("the library and the meltica command run without test libraries")
        .check(MELTICA);
  }

  @Test
  void shouldLetNoLibraryModuleDependOnTheApp() {
    noClasses()
        .that()
        .resideOutsideOfPackages("io.meltica.app..", "io.meltica.bench..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("io.meltica.app..")
        .allowEmptyShould(true)
        .check(MELTICA);
  }

  @Test
  void shouldLetOnlyThePoolPutEnvelopesBack() {
    noClasses()
        .that()
        .resideOutsideOfPackage("io.meltica.pool..")
        .should()
        .callMethodWhere(
            target(name("markReleased").or(name("markAcquired")))
                .and(target(owner(assignableTo(PooledEnvelope.class)))))
        .because("the Recycler is the single way back into the pool")
        .check(MELTICA);
  }

  @Test
  void shouldRunSupervisionAndActorsOnActorsAndDispatchersOnly() {
    noClasses()
        .that()
        .resideInAnyPackage("io.meltica.supervision..", "io.meltica.actors..")
        .should()
        .dependOnClassesThat()
        .areAssignableTo(Executor.class)
        .orShould()
        .callConstructorWhere(target(owner(assignableTo(Thread.class))))
        .because("concurrency there is actors and Pekko dispatchers, not raw threads")
        .check(MELTICA);
  }
}
