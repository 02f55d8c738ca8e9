package io.fleetgate.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.fleetgate.apply.ClusterWriter;
import io.fleetgate.apply.ObjectResult;
import io.fleetgate.apply.Observation;
import io.fleetgate.apply.PlannedChange;
import io.fleetgate.domain.LabelSelector;
import io.fleetgate.domain.ObjectRef;
import io.fleetgate.domain.SourceLocation;
import io.fleetgate.inventory.InventoryEntry;
import io.fleetgate.plan.GroupKind;
import io.fleetgate.plan.KindScope;
import io.fleetgate.plan.LiveFacts;
import io.fleetgate.plan.SyncPlan;
import io.fleetgate.render.FleetSpec;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class UnservedRulesTest {

  private static final FleetSpec SPEC =
      new FleetSpec(
          List.of(),
          false,
          List.of(),
          new FleetSpec.SloSettings(
              List.of(
                  new FleetSpec.PrometheusEntry(
                      LabelSelector.everything(),
                      "http://prometheus:9090",
                      new FleetSpec.RuleDelivery(
                          "monitoring", Map.of(), new SourceLocation("fleet.yaml", 42)),
                      new SourceLocation("fleet.yaml", 40))),
              List.of()),
          List.of());

  private static final ObjectResult RULE_FAILED =
      new ObjectResult(
          new ObjectRef(
              "monitoring.coreos.com", "PrometheusRule", "monitoring", "fleetgate-slo-a-b"),
          "slo-rules",
          "slos/a.yaml:2",
          ObjectResult.Action.FAILED,
          "The API server does not serve monitoring.coreos.com/v1, Kind=PrometheusRule");
  private static final ObjectResult OTHER_FAILED =
      new ObjectResult(
          new ObjectRef("", "ConfigMap", "apps", "c"),
          "apps",
          "apps/c.yaml:1",
          ObjectResult.Action.FAILED,
          "admission webhook said no");

  @Test
  void explainsTheRulesACrdlessClusterRefusedWithTheLineAndBothRemedies() {
    List<ObjectResult> explained =
        UnservedRules.explain(List.of(RULE_FAILED, OTHER_FAILED), writer(false), SPEC, Map.of());

    assertThat(explained.get(0).message())
        .startsWith("the cluster does not serve monitoring.coreos.com/v1 PrometheusRule")
        .contains("fleet.yaml:42")
        .contains("install the Prometheus Operator's CRDs")
        .contains("remove 'rules'");
    assertThat(explained.get(1))
        .as("another bundle's failure keeps its words")
        .isEqualTo(OTHER_FAILED);
  }

  @Test
  void keepsTheServersWordsWhenTheClusterServesPrometheusRule() {
    assertThat(UnservedRules.explain(List.of(RULE_FAILED), writer(true), SPEC, Map.of()))
        .containsExactly(RULE_FAILED);
  }

  @Test
  void asksTheClusterNothingWhenNoRuleFailed() {
    ObjectResult applied =
        new ObjectResult(
            RULE_FAILED.ref(), "slo-rules", "slos/a.yaml:2", ObjectResult.Action.APPLIED, "");

    assertThat(UnservedRules.explain(List.of(applied), writer(null), SPEC, Map.of()))
        .containsExactly(applied);
  }

  /**
   * @param serves whether it serves PrometheusRule; null for a writer that must not be asked
   */
  private static ClusterWriter writer(Boolean serves) {
    return new ClusterWriter() {
      @Override
      public Map<GroupKind, KindScope> scopes(Collection<TypeName> types) {
        assertThat(serves).as("the cluster is asked").isNotNull();
        assertThat(types)
            .containsExactly(new TypeName("monitoring.coreos.com/v1", "PrometheusRule"));
        return serves
            ? Map.of(new GroupKind("monitoring.coreos.com", "PrometheusRule"), KindScope.NAMESPACED)
            : Map.of();
      }

      @Override
      public String probe() {
        throw new UnsupportedOperationException();
      }

      @Override
      public Map<ObjectRef, LiveFacts> inspect(Collection<InventoryEntry> entries) {
        throw new UnsupportedOperationException();
      }

      @Override
      public List<ObjectResult> execute(SyncPlan plan, ExecutionSink sink) {
        throw new UnsupportedOperationException();
      }

      @Override
      public Observation observe(List<ObjectResult> results) {
        throw new UnsupportedOperationException();
      }

      @Override
      public List<PlannedChange> preview(SyncPlan plan) {
        throw new UnsupportedOperationException();
      }
    };
  }
}
