package io.fleetgate.console.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The console reaches the platform only through its public API and composition root. */
class ConsoleArchitectureTest {

  private final JavaClasses classes =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("io.fleetgate.console");

  @Test
  void usesOnlyThePlatformApiAndCompositionRoot() {
    noClasses()
        .that()
        .resideInAPackage("io.fleetgate.console..")
        .should()
        .dependOnClassesThat(
            com.tngtech.archunit.base.DescribedPredicate.describe(
                "platform internals",
                c ->
                    c.getPackageName().startsWith("io.fleetgate.")
                        && !c.getPackageName().startsWith("io.fleetgate.console")
                        && !c.getPackageName().startsWith("io.fleetgate.api")
                        && !c.getPackageName().startsWith("io.fleetgate.client")
                        && !c.getPackageName().startsWith("io.fleetgate.app")))
        .check(classes);
  }

  @Test
  void viewModelsNeverTouchTheSceneGraph() {
    noClasses()
        .that()
        .haveSimpleNameEndingWith("ViewModel")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("javafx.scene..", "javafx.stage..")
        .check(classes);
  }

  @Test
  void theSloViewReadsThroughItsPortOnly() {
    noClasses()
        .that()
        .resideInAPackage("io.fleetgate.console.slo..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "io.fleetgate.client..", "io.fleetgate.console.remote..", "io.fleetgate.app..")
        .check(classes);
  }

  @Test
  void theRolloutsTabReadsThroughItsPortOnly() {
    noClasses()
        .that()
        .resideInAPackage("io.fleetgate.console.rollout..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "io.fleetgate.client..", "io.fleetgate.console.remote..", "io.fleetgate.app..")
        .check(classes);
  }
}
