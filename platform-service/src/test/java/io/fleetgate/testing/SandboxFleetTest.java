package io.fleetgate.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs a test class against the sandbox fleet: real etcd and kube-apiservers, the management
 * cluster declaring the workload clusters through Cluster API. Test methods receive a {@link
 * SandboxFleetHandle} parameter.
 *
 * <p>By default every class shares one fleet for the whole test run (started once, stopped when the
 * run ends) and isolates itself with {@link SandboxFleetHandle#freshNamespace}. A class that stops
 * or breaks clusters asks for a {@link #dedicated()} fleet of its own.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(SandboxFleetExtension.class)
public @interface SandboxFleetTest {

  /** Workload clusters in a dedicated fleet; the shared fleet always has three. */
  int clusters() default SandboxFleetExtension.SHARED_CLUSTERS;

  /** Give this class a fleet of its own, stopped and removed after the class. */
  boolean dedicated() default false;
}
