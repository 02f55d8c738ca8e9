package io.fleetgate.argocd.register;

import static org.assertj.core.api.Assertions.assertThat;

import io.fleetgate.audit.AuditEvent;
import io.fleetgate.cluster.ClusterDirectory;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A plan carried out through the port: each write on its own, the audit rows of those done. */
class RegistrarTest {

  /** Records the writes; refuses those for the names it is given. */
  static final class RecordingSecrets implements ClusterSecrets {
    final List<ClusterSecret> existing = new ArrayList<>();
    final List<String> writes = new ArrayList<>();
    final List<String> refuse = new ArrayList<>();

    @Override
    public String namespace() {
      return "argocd";
    }

    @Override
    public List<ClusterSecret> list() {
      return existing;
    }

    @Override
    public Write create(DesiredSecret secret) {
      return write("create " + secret.name(), secret.name());
    }

    @Override
    public Write update(ClusterSecret existing, DesiredSecret secret) {
      return write("update " + existing.name(), existing.name());
    }

    @Override
    public Write delete(ClusterSecret existing) {
      return write("delete " + existing.name(), existing.name());
    }

    private Write write(String what, String name) {
      writes.add(what);
      return refuse.contains(name)
          ? new Write.Refused("changed since it was read")
          : new Write.Done();
    }
  }

  @Test
  void writesEachChangeOnItsOwnAndRecordsOnlyThoseDone() {
    var prodA = RegistrationPlannerTest.PROD_A;
    var prodB = RegistrationPlannerTest.PROD_B;
    var edge = RegistrationPlannerTest.cluster("c/edge", "https://c.example:6443");
    RecordingSecrets secrets = new RecordingSecrets();
    secrets.existing.add(RegistrationPlannerTest.registered(prodB));
    secrets.existing.add(
        RegistrationPlannerTest.registered(
            RegistrationPlannerTest.cluster("z/gone", "https://z.example:6443")));
    secrets.refuse.add("fleetgate-a.prod");
    ClusterDirectory directory =
        () -> new ClusterDirectory.Discovery(List.of(prodA, prodB, edge), List.of());

    Registrar.Outcome outcome =
        new Registrar(directory, secrets, RegistrationPlannerTest.READER).register();

    assertThat(secrets.writes)
        .containsExactly(
            "create fleetgate-a.prod", "create fleetgate-c.edge", "delete fleetgate-z.gone");
    assertThat(outcome.complete()).isFalse();
    List<AuditEvent> rows = RegistrationAudit.of("argocd", outcome.results());
    assertThat(rows)
        .extracting(AuditEvent::kind, AuditEvent::cluster, AuditEvent::object, AuditEvent::decision)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                RegistrationAudit.REGISTERED,
                "c/edge",
                "Secret argocd/fleetgate-c.edge",
                "created"),
            org.assertj.core.groups.Tuple.tuple(
                RegistrationAudit.DEREGISTERED,
                "z/gone",
                "Secret argocd/fleetgate-z.gone",
                "deleted"));
    assertThat(rows.toString()).doesNotContain(RegistrationPlannerTest.TOKEN);
  }

  @Test
  void aPlanWithNothingToChangeWritesNothing() {
    RecordingSecrets secrets = new RecordingSecrets();
    secrets.existing.add(RegistrationPlannerTest.registered(RegistrationPlannerTest.PROD_A));
    ClusterDirectory directory =
        () -> new ClusterDirectory.Discovery(List.of(RegistrationPlannerTest.PROD_A), List.of());

    Registrar.Outcome outcome =
        new Registrar(directory, secrets, RegistrationPlannerTest.READER).register();

    assertThat(secrets.writes).isEmpty();
    assertThat(outcome.complete()).isTrue();
    assertThat(RegistrationAudit.of("argocd", outcome.results())).isEmpty();
  }
}
