package io.fleetgate.netpolsource;

import io.fleetgate.domain.ClusterTarget;
import io.fleetgate.domain.RenderedObject;
import io.fleetgate.domain.SourceLocation;
import io.fleetgate.netpol.ManifestObject;
import io.fleetgate.netpol.ManifestProblem;
import io.fleetgate.netpol.ModelRead;
import io.fleetgate.netpol.ModelReader;
import io.fleetgate.render.LoadedRepo;
import io.fleetgate.render.ManifestDirectory;
import io.fleetgate.render.ManifestLimits;
import io.fleetgate.render.RenderProblem;
import io.fleetgate.render.RenderResult;
import io.fleetgate.render.Renderer;
import io.fleetgate.validate.RepoClusters;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Where a model comes from: manifests on disk, plain or rendered. */
public final class NetworkSources {

  private NetworkSources() {}

  /** Every manifest below a plain directory (no {@code fleet.yaml} needed). */
  public static ModelRead directory(Path dir) {
    ManifestDirectory.Read read = ManifestDirectory.read(dir, ManifestLimits.defaults());
    List<ManifestObject> objects = new ArrayList<>();
    read.documents().forEach(d -> objects.add(new ManifestObject(d.content(), d.location())));
    return withProblems(ModelReader.read(objects), read.problems());
  }

  /**
   * The objects a fleet repository renders for one cluster it declares ({@code
   * <cluster>/cluster.yaml}).
   *
   * @throws IllegalArgumentException when the repository declares no such cluster
   * @throws IOException when the cluster declarations cannot be read
   */
  public static ModelRead rendered(Path repo, String cluster, Renderer renderer)
      throws IOException {
    ClusterTarget target = RepoClusters.named(repo, cluster);
    LoadedRepo loaded = renderer.load(repo);
    RenderResult render = renderer.render(loaded, target);
    return fromRendered(render.objects(), render.problems());
  }

  /** The model of objects rendered for a cluster, with the render's problems. */
  public static ModelRead fromRendered(List<RenderedObject> objects, List<RenderProblem> problems) {
    List<ManifestObject> manifests = new ArrayList<>(objects.size());
    for (RenderedObject object : objects) {
      manifests.add(new ManifestObject(object.content(), object.source()));
    }
    return withProblems(ModelReader.read(manifests), problems);
  }

  private static ModelRead withProblems(ModelRead read, List<RenderProblem> problems) {
    if (problems.isEmpty()) {
      return read;
    }
    List<ManifestProblem> all = new ArrayList<>();
    for (RenderProblem problem : problems) {
      SourceLocation at = problem.location();
      all.add(new ManifestProblem(at, problem.message()));
    }
    all.addAll(read.problems());
    return new ModelRead(read.model(), all);
  }
}
