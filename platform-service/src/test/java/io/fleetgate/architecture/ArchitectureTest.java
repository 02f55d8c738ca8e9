package io.fleetgate.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Holds the layers drawn in docs/architecture.md. */
class ArchitectureTest {

  private static JavaClasses classes;

  @BeforeAll
  static void importClasses() {
    classes =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.fleetgate");
  }

  @Test
  void theDomainDoesNoIoAndKnowsNoFramework() {
    classes()
        .that()
        .resideInAPackage("io.fleetgate.domain..")
        .should()
        .onlyDependOnClassesThat()
        .resideInAnyPackage("io.fleetgate.domain..", "java.lang..", "java.util..", "java.time..")
        .check(classes);
  }

  @Test
  void theApiDependsOnNothingButItselfAndTheJdk() {
    classes()
        .that()
        .resideInAPackage("io.fleetgate.api..")
        .should()
        .onlyDependOnClassesThat()
        .resideInAnyPackage("io.fleetgate.api..", "java..")
        .check(classes);
  }

  @Test
  void privateFilesDependOnNothingButTheJdk() {
    classes()
        .that()
        .resideInAPackage("io.fleetgate.files..")
        .should()
        .onlyDependOnClassesThat()
        .resideInAnyPackage("io.fleetgate.files..", "java..")
        .check(classes);
  }

  @Test
  void onlyTheKubeAdapterTalksToTheKubernetesClient() {
    noClasses()
        .that()
        .resideOutsideOfPackage("io.fleetgate.kube..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("io.kubernetes..")
        .check(classes);
  }

  @Test
  void thePlanIsPure() {
    noClasses()
        .that()
        .resideInAPackage("io.fleetgate.plan..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "io.kubernetes..",
            "com.google.gson..",
            "org.eclipse.jgit..",
            "java.sql..",
            "java.net..",
            "java.nio.file..",
            "io.fleetgate.kube..",
            "io.fleetgate.apply..",
            "io.fleetgate.store..",
            "io.fleetgate.sync..")
        .check(classes);
  }

  @Test
  void theNetworkPolicyEngineIsPure() {
    classes()
        .that()
        .resideInAPackage("io.fleetgate.netpol")
        .should()
        .onlyDependOnClassesThat()
        .resideInAnyPackage(
            "io.fleetgate.netpol",
            "io.fleetgate.domain..",
            "java.lang..",
            "java.util..",
            "java.math..")
        .check(classes);
  }

  @Test
  void theSloCoreIsPure() {
    classes()
        .that()
        .resideInAPackage("io.fleetgate.slo")
        .should()
        .onlyDependOnClassesThat()
        .resideInAnyPackage(
            "io.fleetgate.slo",
            "io.fleetgate.domain..",
            "java.lang..",
            "java.util..",
            "java.math..",
            "java.time..",
            "org.yaml.snakeyaml")
        .check(classes);
  }

  @Test
  void theArgoCdDriverReachesArgoCdGitAndClustersOnlyThroughPorts() {
    classes()
        .that()
        .resideInAPackage("io.fleetgate.argocd.drive")
        .should()
        .onlyDependOnClassesThat()
        .resideInAnyPackage(
            "io.fleetgate.argocd.drive",
            "io.fleetgate.argocd.deploy",
            "io.fleetgate.argocd",
            "io.fleetgate.apply",
            "io.fleetgate.plan..",
            "io.fleetgate.inventory",
            "io.fleetgate.domain..",
            "java.lang..",
            "java.util..",
            "java.time..")
        .check(classes);
  }

  @Test
  void argoCdsViewOfAClusterIsReadThroughThePortAlone() {
    classes()
        .that()
        .resideInAPackage("io.fleetgate.argocd.status")
        .should()
        .onlyDependOnClassesThat()
        .resideInAnyPackage(
            "io.fleetgate.argocd.status",
            "io.fleetgate.argocd",
            "io.fleetgate.argocd.deploy",
            "io.fleetgate.api",
            "io.fleetgate.domain..",
            "java.lang..",
            "java.util..",
            "java.time..")
        .check(classes);
  }

  @Test
  void theArgoCdDeployCoreIsPure() {
    classes()
        .that()
        .resideInAPackage("io.fleetgate.argocd.deploy")
        .should()
        .onlyDependOnClassesThat()
        .resideInAnyPackage(
            "io.fleetgate.argocd.deploy",
            "io.fleetgate.argocd",
            "io.fleetgate.domain..",
            "io.fleetgate.plan..",
            "com.fasterxml.jackson..",
            "java.lang..",
            "java.util..",
            "java.nio.charset..",
            "java.security..")
        .check(classes);
  }

  @Test
  void theRolloutCoreIsPure() {
    classes()
        .that()
        .resideInAPackage("io.fleetgate.rollout")
        .should()
        .onlyDependOnClassesThat()
        .resideInAnyPackage(
            "io.fleetgate.rollout",
            "io.fleetgate.domain..",
            "java.lang..",
            "java.util..",
            "java.math..",
            "java.time..")
        .check(classes);
  }

  @Test
  void thePatchCoreIsPure() {
    classes()
        .that()
        .resideInAPackage("io.fleetgate.patch")
        .should()
        .onlyDependOnClassesThat()
        .resideInAnyPackage(
            "io.fleetgate.patch",
            "io.fleetgate.domain..",
            "java.lang..",
            "java.util..",
            "java.time..")
        .check(classes);
  }

  /**
   * The Argo CD registration's rules see only the discovery port, the domain, the audit rows they
   * produce and the JDK's collections; the Secrets and kubeconfigs are read through its ports.
   */
  @Test
  void theArgoCdRegistrationIsPure() {
    classes()
        .that()
        .resideInAPackage("io.fleetgate.argocd.register")
        .should()
        .onlyDependOnClassesThat()
        .resideInAnyPackage(
            "io.fleetgate.argocd.register",
            "io.fleetgate.cluster",
            "io.fleetgate.audit",
            "io.fleetgate.domain..",
            "java.lang..",
            "java.util..",
            "java.security",
            "java.nio.charset")
        .check(classes);
  }

  @Test
  void onlyTheArgoCdAdaptersAndTheEntryPointsUseTheArgoCdAdapters() {
    noClasses()
        .that()
        .resideOutsideOfPackages(
            "io.fleetgate.argocd.kube..", "io.fleetgate.app..", "io.fleetgate.cli..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("io.fleetgate.argocd.kube..")
        .check(classes);
  }

  @Test
  void thePatchEvidenceIsBuiltWithoutIo() {
    classes()
        .that()
        .resideInAPackage("io.fleetgate.report.patch")
        .should()
        .onlyDependOnClassesThat()
        .resideInAnyPackage(
            "io.fleetgate.report.patch",
            "io.fleetgate.patch",
            "io.fleetgate.rollout",
            "io.fleetgate.domain..",
            "java.lang..",
            "java.util..",
            "java.time..")
        .check(classes);
  }

  @Test
  void theNodeReaderIsTheOnlyWayFromThePatchCoreToClusters() {
    noClasses()
        .that()
        .resideInAPackage("io.fleetgate.patch..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("io.fleetgate.sandbox..", "io.fleetgate.sync..", "io.fleetgate.apply..")
        .check(classes);
  }

  @Test
  void theRolloutRunnerSeesNoKubernetesClientTypesNorTheDatabase() {
    noClasses()
        .that()
        .resideInAPackage("io.fleetgate.rollout.run..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "io.kubernetes..",
            "com.google.gson..",
            "io.fleetgate.kube..",
            "io.fleetgate.rollout.kube..",
            "io.fleetgate.store..",
            "java.sql..")
        .check(classes);
  }

  @Test
  void theSyncEngineSeesNoKubernetesClientTypes() {
    noClasses()
        .that()
        .resideInAnyPackage("io.fleetgate.sync..", "io.fleetgate.apply")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "io.kubernetes..",
            "com.google.gson..",
            "io.fleetgate.kube..",
            "io.fleetgate.apply.kube..")
        .check(classes);
  }

  @Test
  void onlyTheGitAdapterUsesJGit() {
    noClasses()
        .that()
        .resideOutsideOfPackage("io.fleetgate.source.jgit..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("org.eclipse.jgit..")
        .check(classes);
  }

  @Test
  void onlyTheSqliteAdapterUsesJdbc() {
    noClasses()
        .that()
        .resideOutsideOfPackage("io.fleetgate.store.sqlite..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("java.sql..")
        .check(classes);
  }

  @Test
  void onlyTheHttpAdapterUsesJavalin() {
    noClasses()
        .that()
        .resideOutsideOfPackage("io.fleetgate.httpapi..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("io.javalin..")
        .check(classes);
  }

  @Test
  void portsDoNotDependOnTheirAdapters() {
    noClasses()
        .that()
        .resideInAnyPackage("io.fleetgate.cluster", "io.fleetgate.fleet")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "io.fleetgate.kube..",
            "io.fleetgate.cluster.capi..",
            "io.fleetgate.fleet.probe..",
            "io.fleetgate.sandbox..")
        .check(classes);
  }

  @Test
  void onlyTheCompositionRootChoosesThePolicyEngine() {
    noClasses()
        .that()
        .resideOutsideOfPackages(
            "io.fleetgate.app..",
            "io.fleetgate.cli..",
            "io.fleetgate.policy.wasm..",
            "io.fleetgate.policy.opaserver..",
            "io.fleetgate.policy.opa..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "io.fleetgate.policy.wasm..",
            "io.fleetgate.policy.opaserver..",
            "io.fleetgate.policy.opa..")
        .check(classes);
  }

  @Test
  void onlyTheEntryPointsKnowTheCompositionRootAndTheCli() {
    noClasses()
        .that()
        .resideOutsideOfPackages("io.fleetgate.app..", "io.fleetgate.cli..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("io.fleetgate.app..", "io.fleetgate.cli..")
        .check(classes);
  }

  /**
   * The sandbox plays what no kubelet or Cluster API controller provides there (node status, node
   * upgrades): demo and test support that no capability may lean on, or the product would only work
   * against its own simulator.
   */
  @Test
  void onlyTheEntryPointsUseTheSandbox() {
    noClasses()
        .that()
        .resideOutsideOfPackages(
            "io.fleetgate.sandbox..", "io.fleetgate.app..", "io.fleetgate.cli..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("io.fleetgate.sandbox..")
        .check(classes);
  }

  /**
   * The Argo CD client generated from Argo CD's API document is the REST adapter's business: the
   * port speaks Fleetgate's values, so a change in Argo CD's document touches one package.
   */
  @Test
  void onlyTheArgoCdAdapterSeesTheGeneratedClient() {
    noClasses()
        .that()
        .resideOutsideOfPackage("io.fleetgate.argocd.rest..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("io.fleetgate.argocd.rest.gen..")
        .check(classes);
  }

  @Test
  void theArgoCdPortIsPure() {
    classes()
        .that()
        .resideInAPackage("io.fleetgate.argocd")
        .should()
        .onlyDependOnClassesThat()
        .resideInAnyPackage("io.fleetgate.argocd", "java.lang..", "java.util..")
        .check(classes);
  }

  @Test
  void onlyTheEntryPointsChooseTheArgoCdAdapter() {
    noClasses()
        .that()
        .resideOutsideOfPackages(
            "io.fleetgate.argocd.rest..", "io.fleetgate.app..", "io.fleetgate.cli..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("io.fleetgate.argocd.rest..")
        .check(classes);
  }

  @Test
  void capabilitiesHaveNoCycles() {
    slices().matching("io.fleetgate.(*)..").should().beFreeOfCycles().check(classes);
  }

  @Test
  void everyPackageIsDocumented() throws IOException {
    Path sources = Path.of("src/main/java");
    try (Stream<Path> dirs = Files.walk(sources)) {
      List<Path> undocumented =
          dirs.filter(Files::isDirectory)
              .filter(ArchitectureTest::holdsJava)
              .filter(dir -> !Files.exists(dir.resolve("package-info.java")))
              .toList();
      assertThat(undocumented).as("packages without package-info.java").isEmpty();
    }
  }

  private static boolean holdsJava(Path dir) {
    try (Stream<Path> files = Files.list(dir)) {
      return files.anyMatch(f -> f.toString().endsWith(".java"));
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
