package io.fleetgate.argocd.register;

import static org.assertj.core.api.Assertions.assertThat;

import io.fleetgate.cluster.ClusterDirectory.Discovery;
import io.fleetgate.domain.ClusterAccess;
import io.fleetgate.domain.ClusterPhase;
import io.fleetgate.domain.ClusterTarget;
import io.fleetgate.domain.Kubeconfig;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The registration rules, one table row per situation. */
class RegistrationPlannerTest {

  static final String TOKEN = "tok-9f8e7d6c5b4a";

  /** Kubeconfigs in these tests are their server URL; "refused:" ones are refused. */
  static final ConnectionReader READER =
      kubeconfig ->
          kubeconfig.content().startsWith("refused:")
              ? new ConnectionReader.Read.Refused(
                  "The kubeconfig from " + kubeconfig.source() + ": users[].user.exec refused")
              : new ConnectionReader.Read.Usable(connection(kubeconfig.content()));

  static Connection connection(String server) {
    return new Connection(server, new ArgoConfig(TOKEN, "Q0E=", "", "", ""));
  }

  static ClusterTarget target(String namespace, String name, Map<String, String> labels) {
    return new ClusterTarget(namespace, name, labels, ClusterPhase.PROVISIONED);
  }

  static ClusterAccess cluster(String qualified, String server) {
    return cluster(qualified, server, Map.of("env", "prod"));
  }

  static ClusterAccess cluster(String qualified, String server, Map<String, String> labels) {
    String[] parts = qualified.split("/");
    return new ClusterAccess(
        target(parts[0], parts[1], labels),
        new Kubeconfig("Secret " + parts[0] + "/" + parts[1] + "-kubeconfig", server));
  }

  /** The Secret Fleetgate would have written for the cluster, as read back. */
  static ClusterSecret registered(ClusterAccess access) {
    return registered(access, SecretNames.of(ClusterId.of(access.target())));
  }

  static ClusterSecret registered(ClusterAccess access, String name) {
    RegistrationPlan plan =
        new RegistrationPlanner(READER).plan(new Discovery(List.of(access), List.of()), List.of());
    DesiredSecret desired = ((Registration.Create) plan.registrations().getFirst()).secret();
    return new ClusterSecret(
        name,
        "uid-" + name,
        "7",
        desired.labels(),
        desired.copiedLabels(),
        desired.clusterName(),
        desired.connection().server(),
        Optional.of(desired.connection().config()));
  }

  static ClusterSecret handMade(String name, String server) {
    return new ClusterSecret(
        name,
        "uid-" + name,
        "3",
        Map.of(ClusterLabels.SECRET_TYPE, "cluster"),
        List.of(),
        "by-hand",
        server,
        Optional.empty());
  }

  static final ClusterAccess PROD_A = cluster("a/prod", "https://a.example:6443");
  static final ClusterAccess PROD_B = cluster("b/prod", "https://b.example:6443");

  record Case(String name, Discovery discovery, List<ClusterSecret> existing, List<String> want) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Discovery found(ClusterAccess... clusters) {
    return new Discovery(List.of(clusters), List.of());
  }

  static Stream<Case> cases() {
    ClusterSecret prodA = registered(PROD_A);
    ClusterSecret prodB = registered(PROD_B);
    ClusterAccess prodAMoved = cluster("a/prod", "https://a2.example:6443");
    ClusterAccess prodARelabelled = cluster("a/prod", "https://a.example:6443", Map.of());
    return Stream.of(
        new Case(
            "a new cluster is created",
            found(PROD_A),
            List.of(),
            List.of("CREATED a/prod fleetgate-a.prod")),
        new Case(
            "same name in two namespaces: two Secrets",
            found(PROD_A, PROD_B),
            List.of(),
            List.of("CREATED a/prod fleetgate-a.prod", "CREATED b/prod fleetgate-b.prod")),
        new Case(
            "a registration as it should be is unchanged",
            found(PROD_A),
            List.of(prodA),
            List.of("UNCHANGED a/prod fleetgate-a.prod")),
        new Case(
            "a moved server is updated",
            found(prodAMoved),
            List.of(prodA),
            List.of("UPDATED a/prod fleetgate-a.prod [server]")),
        new Case(
            "a label the Cluster dropped is an update",
            found(prodARelabelled),
            List.of(prodA),
            List.of("UPDATED a/prod fleetgate-a.prod [labels]")),
        new Case(
            "a config Fleetgate cannot read back is written again",
            found(PROD_A),
            List.of(withConfig(prodA, Optional.empty())),
            List.of("UPDATED a/prod fleetgate-a.prod [config]")),
        new Case(
            "a rotated token is an update naming the field only",
            found(PROD_A),
            List.of(withConfig(prodA, Optional.of(new ArgoConfig("old", "Q0E=", "", "", "")))),
            List.of("UPDATED a/prod fleetgate-a.prod [config.bearerToken]")),
        new Case(
            "a gone Cluster's Secret is deleted, the others stay",
            found(PROD_A),
            List.of(prodA, prodB),
            List.of("UNCHANGED a/prod fleetgate-a.prod", "DELETED b/prod fleetgate-b.prod")),
        new Case(
            "an empty discovery deletes every Fleetgate Secret and nothing else",
            found(),
            List.of(prodA, handMade("mine", "https://a.example:6443")),
            List.of("DELETED a/prod fleetgate-a.prod")),
        new Case(
            "a hand-made Secret is never touched, even when its cluster is gone",
            found(),
            List.of(handMade("by-hand", "https://gone.example")),
            List.of()),
        new Case(
            "a hand-made Secret for the same server is a conflict: no second registration",
            found(PROD_A),
            List.of(handMade("by-hand", "https://A.example:6443/")),
            List.of("CONFLICT a/prod Secret by-hand")),
        new Case(
            "a hand-made Secret for the same server leaves Fleetgate's own as it is",
            found(PROD_A),
            List.of(prodA, handMade("by-hand", "https://a.example:6443")),
            List.of("CONFLICT a/prod Secret by-hand own fleetgate-a.prod")),
        new Case(
            "a Secret labelled managed-by fleetgate without its cluster labels is not Fleetgate's",
            found(PROD_A),
            List.of(
                new ClusterSecret(
                    "forged",
                    "u",
                    "1",
                    Map.of(
                        ClusterLabels.SECRET_TYPE,
                        "cluster",
                        ClusterLabels.MANAGED_BY,
                        ClusterLabels.MANAGER),
                    List.of(),
                    "x",
                    "https://a.example:6443",
                    Optional.empty())),
            List.of("CONFLICT a/prod Secret forged")),
        new Case(
            "two Clusters on one server: the first registers it, the second is a conflict",
            found(PROD_A, cluster("b/prod", "https://a.example:6443")),
            List.of(),
            List.of("CREATED a/prod fleetgate-a.prod", "CONFLICT b/prod Cluster a/prod")),
        new Case(
            "a registered server stays its cluster's against a newcomer whose name sorts earlier",
            found(cluster("a/newcomer", "https://b.example:6443"), PROD_B),
            List.of(prodB),
            List.of("CONFLICT a/newcomer Cluster b/prod", "UNCHANGED b/prod fleetgate-b.prod")),
        new Case(
            "a registered server stays its cluster's while that cluster's kubeconfig is unreadable",
            new Discovery(
                List.of(cluster("a/newcomer", "https://b.example:6443")),
                List.of("Cluster b/prod has no readable Secret prod-kubeconfig"),
                List.of(PROD_B.target())),
            List.of(prodB),
            List.of("CONFLICT a/newcomer Cluster b/prod", "KEPT b/prod fleetgate-b.prod")),
        new Case(
            "an unreadable kubeconfig Secret keeps the registration",
            new Discovery(
                List.of(),
                List.of("Cluster a/prod has no readable Secret prod-kubeconfig"),
                List.of(PROD_A.target())),
            List.of(prodA),
            List.of("KEPT a/prod fleetgate-a.prod")),
        new Case(
            "an unreadable kubeconfig of a new cluster registers nothing",
            new Discovery(List.of(), List.of("…"), List.of(PROD_A.target())),
            List.of(),
            List.of("KEPT a/prod -")),
        new Case(
            "a refused kubeconfig keeps the registration",
            found(cluster("a/prod", "refused:exec")),
            List.of(prodA),
            List.of("KEPT a/prod fleetgate-a.prod")),
        new Case(
            "a duplicate Fleetgate Secret for one cluster goes, the one of its name stays",
            found(PROD_A),
            List.of(registered(PROD_A, "fleetgate-a.prod-old"), prodA),
            List.of("DELETED a/prod fleetgate-a.prod-old", "UNCHANGED a/prod fleetgate-a.prod")));
  }

  static ClusterSecret withConfig(ClusterSecret secret, Optional<ArgoConfig> config) {
    return new ClusterSecret(
        secret.name(),
        secret.uid(),
        secret.resourceVersion(),
        secret.labels(),
        secret.copiedLabels(),
        secret.clusterName(),
        secret.server(),
        config);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void plans(Case c) {
    RegistrationPlan plan = new RegistrationPlanner(READER).plan(c.discovery(), c.existing());
    assertThat(plan.registrations().stream().map(RegistrationPlannerTest::summary).toList())
        .isEqualTo(c.want());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void thePrintoutNamesNoCredential(Case c) {
    RegistrationPlan plan = new RegistrationPlanner(READER).plan(c.discovery(), c.existing());
    assertThat(String.join("\n", plan.lines()) + plan + plan.registrations())
        .doesNotContain(TOKEN)
        .doesNotContain("Q0E=");
  }

  static String summary(Registration r) {
    String outcome = r.outcome().name() + " " + r.cluster() + " ";
    return switch (r) {
      case Registration.Create c -> outcome + c.secret().name();
      case Registration.Update u -> outcome + u.existing().name() + " " + u.changed();
      case Registration.Unchanged u -> outcome + u.existing().name();
      case Registration.Delete d -> outcome + d.existing().name();
      case Registration.Kept k -> outcome + k.existing().map(ClusterSecret::name).orElse("-");
      case Registration.Conflict c ->
          outcome + c.holder() + c.own().map(s -> " own " + s.name()).orElse("");
    };
  }

  @Test
  void copiesTheClustersValidLabelsAndKeepsItsOwn() {
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put("env", "prod");
    labels.put("topology.example.com/region", "cn-north-1");
    labels.put(ClusterLabels.MANAGED_BY, "someone-else");
    labels.put(ClusterLabels.CLUSTER_NAME, "other");
    labels.put(ClusterLabels.SECRET_TYPE, "repository");
    labels.put("bad key!", "x");
    labels.put("long", "v".repeat(64));
    ClusterAccess access = cluster("a/prod", "https://a.example:6443", labels);

    var create =
        (Registration.Create)
            new RegistrationPlanner(READER)
                .plan(found(access), List.of())
                .registrations()
                .getFirst();

    assertThat(create.secret().labels())
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                "env",
                "prod",
                "topology.example.com/region",
                "cn-north-1",
                ClusterLabels.SECRET_TYPE,
                "cluster",
                ClusterLabels.MANAGED_BY,
                ClusterLabels.MANAGER,
                ClusterLabels.CLUSTER_NAMESPACE,
                "a",
                ClusterLabels.CLUSTER_NAME,
                "prod"));
    assertThat(create.labelsNotCopied())
        .containsExactlyInAnyOrder(
            ClusterLabels.MANAGED_BY,
            ClusterLabels.CLUSTER_NAME,
            ClusterLabels.SECRET_TYPE,
            "bad key!",
            "long");
    assertThat(create.secret().clusterName()).isEqualTo("a/prod");
  }

  @Test
  void theLinesSayWhatHappensAndWhy() {
    RegistrationPlan plan =
        new RegistrationPlanner(READER)
            .plan(
                new Discovery(
                    List.of(cluster("c/edge", "refused:exec")),
                    List.of("Cluster a/prod has no readable Secret prod-kubeconfig"),
                    List.of(PROD_A.target())),
                new ArrayList<>(List.of(registered(PROD_A))));

    assertThat(plan.lines())
        .containsExactly(
            "kept      a/prod: Secret fleetgate-a.prod kept as it is: its kubeconfig cannot be"
                + " read (Cluster a/prod has no readable Secret prod-kubeconfig)",
            "kept      c/edge: not registered: its kubeconfig is refused: The kubeconfig from"
                + " Secret c/edge-kubeconfig: users[].user.exec refused");
    assertThat(plan.complete()).isFalse();
  }
}
