package io.fleetgate.testing;

import io.fleetgate.sandbox.SandboxFleet;
import io.fleetgate.sandbox.SandboxLayout;
import io.fleetgate.sandbox.SandboxStatus;
import io.fleetgate.sandbox.ToolPaths;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Provides {@link SandboxFleetHandle}s: one shared fleet per test run (kept in the root context's
 * store, so JUnit stops it once the run ends) or a dedicated fleet per class.
 *
 * <p>State lives under {@code target/} of the module ({@code fleetgate.sandbox.root} overrides it);
 * a fleet left over by a killed test JVM is reaped by the next start.
 */
public final class SandboxFleetExtension implements ParameterResolver {

  static final int SHARED_CLUSTERS = 3;

  private static final Logger log = LoggerFactory.getLogger(SandboxFleetExtension.class);
  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(SandboxFleetExtension.class);

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == SandboxFleetHandle.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    SandboxFleetTest settings =
        AnnotationSupport.findAnnotation(context.getRequiredTestClass(), SandboxFleetTest.class)
            .orElseThrow(
                () -> new IllegalStateException("Annotate the class with @SandboxFleetTest"));
    if (settings.dedicated()) {
      ExtensionContext classContext = classContext(context);
      String name = "sandbox-" + context.getRequiredTestClass().getSimpleName();
      return classContext
          .getStore(NAMESPACE)
          .getOrComputeIfAbsent(
              name,
              key -> new RunningFleet(root().resolve(key), settings.clusters(), true),
              RunningFleet.class)
          .handle;
    }
    return context
        .getRoot()
        .getStore(NAMESPACE)
        .getOrComputeIfAbsent(
            "shared",
            key -> new RunningFleet(root().resolve("sandbox-shared"), SHARED_CLUSTERS, false),
            RunningFleet.class)
        .handle;
  }

  private static ExtensionContext classContext(ExtensionContext context) {
    ExtensionContext current = context;
    while (current.getTestMethod().isPresent() && current.getParent().isPresent()) {
      current = current.getParent().get();
    }
    return current;
  }

  private static Path root() {
    return Path.of(System.getProperty("fleetgate.sandbox.root", "target")).toAbsolutePath();
  }

  /** A started fleet that JUnit closes when its store is closed. */
  static final class RunningFleet implements ExtensionContext.Store.CloseableResource {

    final SandboxFleetHandle handle;
    private final SandboxFleet fleet;
    private final boolean purge;

    RunningFleet(Path stateDir, int clusters, boolean purge) {
      this.fleet = new SandboxFleet(new SandboxLayout(stateDir), ToolPaths.locate());
      this.purge = purge;
      long start = System.nanoTime();
      SandboxStatus status =
          fleet.up(clusters, line -> log.info("sandbox {}: {}", stateDir.getFileName(), line));
      log.info("Sandbox fleet {} up in {} ms", stateDir, (System.nanoTime() - start) / 1_000_000);
      this.handle = new SandboxFleetHandle(fleet, status);
    }

    @Override
    public void close() {
      int stopped = fleet.down(purge);
      log.info("Sandbox fleet {} down; stopped {} processes", fleet.layout().root(), stopped);
    }
  }
}
