package io.fleetgate.console.policy;

import static org.assertj.core.api.Assertions.assertThat;

import io.fleetgate.console.ui.UiThread;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class PolicyViewModelTest {

  private static final UiThread DIRECT = new UiThread(Runnable::run, Runnable::run);

  private static PolicySource.FindingRow finding(
      String cluster, String policy, String severity, String decision, String... controls) {
    return new PolicySource.FindingRow(
        Instant.parse("2026-11-24T08:00:00Z"),
        cluster,
        "Pod payments/debug",
        "bundles/payments/debug.yaml:1",
        policy,
        List.of(controls),
        severity,
        decision,
        "message",
        "abc",
        "Ana");
  }

  private static final PolicySource.Picture PICTURE =
      new PolicySource.Picture(
          List.of(
              finding(
                  "beijing-prod",
                  "privileged_containers",
                  "critical",
                  "denied",
                  "PCI-DSS-v4.0:2.2.6",
                  "PCI-DSS-v4.0:7.2.1"),
              finding(
                  "guangzhou-prod",
                  "privileged_containers",
                  "critical",
                  "denied",
                  "PCI-DSS-v4.0:2.2.6",
                  "PCI-DSS-v4.0:7.2.1"),
              finding("beijing-prod", "image_pinned", "high", "waived", "PCI-DSS-v4.0:6.3.2"),
              finding("beijing-prod", "ownership_labels", "low", "warned", "PCI-DSS-v4.0:12.5.1")),
          List.of(
              new PolicySource.WaiverRow(
                  "image_pinned",
                  "Pod payments/debug",
                  "payments-team",
                  "PAY-123",
                  "2099-12-31",
                  true,
                  "waivers.yaml:4")));

  @Test
  void summarisesByDecisionAndControl() {
    PolicyViewModel model = new PolicyViewModel(() -> PICTURE, DIRECT);

    model.refresh().join();

    assertThat(model.summaryProperty().get())
        .isEqualTo(
            "2 denied · 1 waived · 1 warned · most findings: PCI-DSS-v4.0:2.2.6 (2),"
                + " PCI-DSS-v4.0:7.2.1 (2), PCI-DSS-v4.0:12.5.1 (1) · 1 waiver(s)");
    assertThat(model.waivers()).hasSize(1);
  }

  @Test
  void filtersBySeverityAndText() {
    PolicyViewModel model = new PolicyViewModel(() -> PICTURE, DIRECT);
    model.refresh().join();

    model.severityProperty().set("critical");
    assertThat(model.visibleFindings()).hasSize(2);

    model.filterProperty().set("guangzhou");
    assertThat(model.visibleFindings())
        .extracting(PolicySource.FindingRow::cluster)
        .containsExactly("guangzhou-prod");

    model.severityProperty().set("all");
    model.filterProperty().set("6.3.2");
    assertThat(model.visibleFindings())
        .extracting(PolicySource.FindingRow::policy)
        .containsExactly("image_pinned");
  }

  @Test
  void aFailedReadIsASentence() {
    PolicyViewModel model =
        new PolicyViewModel(
            () -> {
              throw new IllegalStateException("The token's role is too low for this view.");
            },
            DIRECT);

    model.refresh().join();

    assertThat(model.errorProperty().get())
        .isEqualTo("Cannot read the policy findings: The token's role is too low for this view.");
  }
}
