package io.fleetgate.apply.kube;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonParser;
import io.fleetgate.apply.ObjectResult;
import io.fleetgate.domain.ObjectRef;
import io.fleetgate.kube.KubeObject;
import java.util.List;
import org.junit.jupiter.api.Test;

class HealthObserverEventsTest {

  private static KubeObject event(String kind, String name, String count) {
    return new KubeObject(
        JsonParser.parseString(
                """
                {"apiVersion": "v1", "kind": "Event",
                 "metadata": {"name": "e", "namespace": "payments"},
                 "type": "Warning", "reason": "FailedCreate", "message": "exceeded quota",
                 "count": %s,
                 "involvedObject": {"kind": "%s", "namespace": "payments", "name": "%s"}}
                """
                    .formatted(count, kind, name))
            .getAsJsonObject());
  }

  private static final ObjectResult GATEWAY =
      new ObjectResult(
          new ObjectRef("apps", "Deployment", "payments", "payment-gateway"),
          "payments",
          "bundles/payments/gateway.yaml:1",
          ObjectResult.Action.APPLIED,
          "");

  @Test
  void keepsOnlyTheEventsAboutSyncedObjects() {
    var found =
        HealthObserver.about(
            List.of(GATEWAY),
            List.of(
                event("Deployment", "payment-gateway", "4"), event("Deployment", "other", "1")));

    assertThat(found)
        .singleElement()
        .hasToString("Deployment payments/payment-gateway FailedCreate (x4): exceeded quota");
  }

  @Test
  void aCountThatIsNoIntegerCountsOnceInsteadOfFailingTheSync() {
    var found =
        HealthObserver.about(
            List.of(GATEWAY), List.of(event("Deployment", "payment-gateway", "99999999999")));

    assertThat(found)
        .singleElement()
        .hasToString("Deployment payments/payment-gateway FailedCreate: exceeded quota");
  }
}
