package io.fleetgate.render;

import io.fleetgate.domain.ClusterTarget;
import io.fleetgate.domain.ObjectRef;
import io.fleetgate.domain.RenderedObject;
import io.fleetgate.domain.SourceLocation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads a checked-out config repository and renders what each cluster should hold. */
public final class Renderer {

  /** The bundle name under which a cluster directory's own objects are applied. */
  public static final String OVERLAY_BUNDLE = "cluster-overlay";

  private static final String CLUSTER_DECLARATION = "cluster.yaml";

  private static final int KUSTOMIZE_OUTPUT_FACTOR = 4;

  private final ManifestParser parser;

  /** Kustomize output: one text for a whole directory, so four files' worth of limits. */
  private final ManifestParser kustomizeOutput;

  private final ManifestLimits limits;
  private final Kustomize kustomize;
  private final SloRuleBundle sloRules = new SloRuleBundle();

  /** A renderer without kustomize: kustomization directories are reported, not rendered. */
  public Renderer(ManifestLimits limits) {
    this(limits, new Kustomize(null));
  }

  public Renderer(ManifestLimits limits, Kustomize kustomize) {
    this.parser = new ManifestParser(limits);
    this.kustomizeOutput = new ManifestParser(limits.scaled(KUSTOMIZE_OUTPUT_FACTOR));
    this.limits = limits;
    this.kustomize = kustomize;
  }

  /** The limits every file this renderer reads is held to. */
  public ManifestLimits limits() {
    return limits;
  }

  /**
   * The patch rollouts of {@code rollouts/}, read with this renderer's limits against what {@link
   * #load} read of the same repository (fleet.yaml's waves, the SLOs).
   */
  public io.fleetgate.rollout.RolloutCatalog rollouts(Path repoRoot, LoadedRepo loaded) {
    return RolloutFiles.read(
        repoRoot,
        limits,
        loaded.spec(),
        loaded.slos().slos().stream()
            .map(io.fleetgate.slo.Slo::name)
            .collect(java.util.stream.Collectors.toSet()));
  }

  /** Reads {@code fleet.yaml}, every bundle and every cluster directory, once. */
  public LoadedRepo load(Path repoRoot) {
    List<RenderProblem> fleetProblems = new ArrayList<>();
    Map<String, List<Manifest>> bundleManifests = new LinkedHashMap<>();
    Map<String, List<RenderProblem>> bundleProblems = new HashMap<>();
    Map<String, List<Manifest>> overlays = new HashMap<>();
    Map<String, List<RenderProblem>> overlayProblems = new HashMap<>();
    RepoFiles files;
    try {
      files = new RepoFiles(repoRoot);
    } catch (IOException e) {
      fleetProblems.add(
          new RenderProblem(
              SourceLocation.file("."), "the repository cannot be read: " + e.getMessage()));
      return new LoadedRepo(
          null,
          fleetProblems,
          bundleManifests,
          bundleProblems,
          overlays,
          overlayProblems,
          io.fleetgate.policy.Waivers.none(),
          io.fleetgate.policy.RepoPolicies.none());
    }
    FleetSpec spec = readSpec(files, fleetProblems);
    if (spec == null) {
      return new LoadedRepo(
          null,
          fleetProblems,
          bundleManifests,
          bundleProblems,
          overlays,
          overlayProblems,
          io.fleetgate.policy.Waivers.none(),
          io.fleetgate.policy.RepoPolicies.none());
    }
    for (FleetSpec.Bundle bundle : spec.bundles()) {
      List<RenderProblem> problems = new ArrayList<>();
      bundleManifests.put(bundle.name(), readBundle(files, bundle, problems));
      bundleProblems.put(bundle.name(), problems);
    }
    if (spec.clusterOverlays()) {
      readOverlays(repoRoot, files, spec, overlays, overlayProblems);
    }
    io.fleetgate.policy.Waivers waivers = WaiverFile.read(files, fleetProblems);
    io.fleetgate.policy.RepoPolicies policies = PolicyFiles.read(repoRoot, fleetProblems);
    return new LoadedRepo(
        spec,
        fleetProblems,
        bundleManifests,
        bundleProblems,
        overlays,
        overlayProblems,
        waivers,
        policies,
        SloFiles.read(repoRoot, limits));
  }

  /**
   * Renders the objects the cluster should hold: its bundles', then the generated {@link
   * SloRuleBundle} when fleet.yaml delivers SLO rules to it, then its own directory's.
   */
  public RenderResult render(LoadedRepo repo, ClusterTarget target) {
    List<RenderProblem> problems = new ArrayList<>(repo.fleetProblems());
    if (repo.spec() == null) {
      return new RenderResult(List.of(), List.of(), problems, Map.of());
    }
    Variables variables = new Variables(target);
    Map<ObjectRef, RenderedObject> objects = new LinkedHashMap<>();
    List<String> bundles = new ArrayList<>();
    for (FleetSpec.Bundle bundle : repo.spec().bundles()) {
      if (!bundle.clusterSelector().matches(target.labels())) {
        continue;
      }
      bundles.add(bundle.name());
      problems.addAll(repo.bundleProblems().getOrDefault(bundle.name(), List.of()));
      for (Manifest manifest : repo.bundleManifests().getOrDefault(bundle.name(), List.of())) {
        try {
          add(objects, rendered(manifest, bundle.name(), variables), bundle);
        } catch (ManifestException e) {
          problems.add(e.problem());
        }
      }
    }
    SloRuleBundle.ForCluster rules = sloRules.render(repo.spec(), repo.slos(), target);
    problems.addAll(rules.problems());
    if (rules.selected()) {
      bundles.add(SloRuleBundle.NAME);
      for (RenderedObject object : rules.objects()) {
        try {
          add(objects, object, null);
        } catch (ManifestException e) {
          problems.add(e.problem());
        }
      }
    }
    problems.addAll(repo.overlayProblems().getOrDefault(target.name(), List.of()));
    for (Manifest manifest : repo.overlays().getOrDefault(target.name(), List.of())) {
      try {
        overlay(objects, rendered(manifest, OVERLAY_BUNDLE, variables), bundles);
      } catch (ManifestException e) {
        problems.add(e.problem());
      }
    }
    return new RenderResult(
        bundles,
        List.copyOf(objects.values()),
        problems,
        repo.spec().policyParametersFor(target.labels()));
  }

  private FleetSpec readSpec(RepoFiles files, List<RenderProblem> problems) {
    Path file;
    try {
      file = files.rootFile(FleetSpec.FILE);
    } catch (ManifestException e) {
      problems.add(e.problem());
      return null;
    }
    if (!Files.isRegularFile(file)) {
      problems.add(
          new RenderProblem(
              SourceLocation.file(FleetSpec.FILE),
              "is missing; the repository root needs a fleetgate.io/v1alpha1 Fleet"));
      return null;
    }
    try {
      List<FieldLines> documents = parser.parseWithLines(file, FleetSpec.FILE);
      if (documents.size() != 1) {
        throw new ManifestException(
            SourceLocation.file(FleetSpec.FILE),
            "must hold exactly one Fleet document, not " + documents.size());
      }
      return FleetSpec.from(documents.getFirst().manifest(), documents.getFirst().lines());
    } catch (ManifestException e) {
      problems.add(e.problem());
      return null;
    }
  }

  private List<Manifest> readBundle(
      RepoFiles files, FleetSpec.Bundle bundle, List<RenderProblem> problems) {
    List<Manifest> manifests = new ArrayList<>();
    try {
      Path dir = files.resolve(bundle.path(), bundle.declaredAt());
      if (!Files.isDirectory(dir)) {
        throw new ManifestException(
            bundle.declaredAt(),
            "bundle '"
                + bundle.name()
                + "' points at '"
                + bundle.path()
                + "', which is not a directory");
      }
      if (Kustomize.isKustomization(dir)) {
        String relativeDir = files.relative(dir);
        Map<String, Path> kustomizations = new LinkedHashMap<>();
        for (Path file :
            files.kustomizeInputs(
                dir,
                limits.maxFileBytes(),
                limits.maxFileBytes() * KUSTOMIZE_OUTPUT_FACTOR,
                limits.maxDocuments() * KUSTOMIZE_OUTPUT_FACTOR)) {
          kustomizations.put(files.relative(file), file);
        }
        String yaml =
            kustomize.build(
                dir, relativeDir, kustomizations, limits.maxFileBytes() * KUSTOMIZE_OUTPUT_FACTOR);
        manifests.addAll(
            kustomizeOutput.parseText(
                yaml, relativeDir + "/" + Kustomize.FILE + " (kustomize output)"));
        if (manifests.isEmpty()) {
          problems.add(
              new RenderProblem(
                  SourceLocation.file(relativeDir + "/" + Kustomize.FILE),
                  "renders no objects for bundle '"
                      + bundle.name()
                      + "'; an empty render is never applied (it would prune everything)"));
        }
        return manifests;
      }
      // Files are parsed on every core; manifests and problems keep the files' order.
      List<Parsed> parsed =
          files.manifestsBelow(dir, problems).parallelStream()
              .map(file -> parse(file, files.relative(file)))
              .toList();
      for (Parsed file : parsed) {
        if (file.failure() != null) {
          problems.add(file.failure().problem());
        } else {
          manifests.addAll(file.manifests());
        }
      }
      if (manifests.isEmpty() && problems.isEmpty()) {
        problems.add(
            new RenderProblem(
                bundle.declaredAt(),
                "bundle '"
                    + bundle.name()
                    + "' has no manifests in '"
                    + bundle.path()
                    + "'; an empty render is never applied (it would prune everything)"));
      }
    } catch (ManifestException e) {
      problems.add(e.problem());
    }
    return manifests;
  }

  /** One file's manifests, or why it has none. */
  private record Parsed(List<Manifest> manifests, ManifestException failure) {}

  private Parsed parse(Path file, String relative) {
    try {
      return new Parsed(parser.parse(file, relative), null);
    } catch (ManifestException e) {
      return new Parsed(List.of(), e);
    }
  }

  private void readOverlays(
      Path root,
      RepoFiles files,
      FleetSpec spec,
      Map<String, List<Manifest>> overlays,
      Map<String, List<RenderProblem>> problems) {
    try (var dirs = Files.list(root)) {
      for (Path dir : dirs.filter(Files::isDirectory).sorted().toList()) {
        if (!Files.isRegularFile(dir.resolve(CLUSTER_DECLARATION))) {
          continue;
        }
        String cluster = dir.getFileName().toString();
        List<RenderProblem> clusterProblems = new ArrayList<>();
        List<Manifest> manifests = new ArrayList<>();
        for (Path file : files.manifestsBelow(dir, clusterProblems)) {
          if (file.getParent().equals(dir)
              && file.getFileName().toString().equals(CLUSTER_DECLARATION)) {
            continue;
          }
          try {
            manifests.addAll(parser.parse(file, files.relative(file)));
          } catch (ManifestException e) {
            clusterProblems.add(e.problem());
          }
        }
        overlays.put(cluster, manifests);
        problems.put(cluster, clusterProblems);
      }
    } catch (IOException e) {
      problems
          .computeIfAbsent("", k -> new ArrayList<>())
          .add(
              new RenderProblem(
                  SourceLocation.file("."), "cannot list cluster directories: " + e.getMessage()));
    }
  }

  private static RenderedObject rendered(Manifest manifest, String bundle, Variables variables)
      throws ManifestException {
    SourceLocation at = manifest.location();
    String apiVersion = manifest.string("apiVersion");
    String kind = manifest.string("kind");
    Object name = manifest.metadata().get("name");
    if (apiVersion == null
        || kind == null
        || !(name instanceof String)
        || ((String) name).isBlank()) {
      throw new ManifestException(
          at, "is not a Kubernetes object: apiVersion, kind and metadata.name are required");
    }
    Object namespace = manifest.metadata().get("namespace");
    Map<String, Object> content = variables.substitute(manifest.object(), at);
    ObjectRef ref =
        new ObjectRef(
            ObjectRef.groupOf(apiVersion),
            kind,
            namespace == null ? "" : String.valueOf(namespace),
            (String) name);
    return new RenderedObject(ref, bundle, content, at);
  }

  /**
   * @param bundle the repository bundle declaring the object, whose namespaces it must keep to;
   *     null for a generated one
   */
  private static void add(
      Map<ObjectRef, RenderedObject> objects, RenderedObject object, FleetSpec.Bundle bundle)
      throws ManifestException {
    if (bundle != null) {
      checkNamespaces(object, bundle);
    }
    RenderedObject previous = objects.putIfAbsent(object.ref(), object);
    if (previous != null) {
      throw new ManifestException(
          object.source(),
          "declares "
              + object.ref()
              + " again (bundle '"
              + object.bundle()
              + "'); it is already declared at "
              + previous.source()
              + " (bundle '"
              + previous.bundle()
              + "'). Keep one.");
    }
  }

  private static void checkNamespaces(RenderedObject object, FleetSpec.Bundle bundle)
      throws ManifestException {
    List<String> allowed = bundle.namespaces();
    if (allowed.isEmpty()) {
      return;
    }
    String namespace =
        object.ref().kind().equals("Namespace") && object.ref().group().isEmpty()
            ? object.ref().name()
            : object.ref().namespace();
    if (!allowed.contains(namespace)) {
      throw new ManifestException(
          object.source(),
          object.ref()
              + " is outside the namespaces bundle '"
              + bundle.name()
              + "' may touch "
              + allowed
              + "; move it to another bundle or extend 'namespaces' in fleet.yaml");
    }
  }

  /**
   * A cluster object with the identity of a bundle object is merged onto it; others stand alone.
   */
  private static void overlay(
      Map<ObjectRef, RenderedObject> objects, RenderedObject overlay, List<String> bundles)
      throws ManifestException {
    RenderedObject base = objects.get(overlay.ref());
    if (base != null && base.bundle().equals(SloRuleBundle.NAME)) {
      // The rules come from the SLO specs only: a patch would silently replace or unlabel them.
      throw new ManifestException(
          overlay.source(),
          "declares "
              + overlay.ref()
              + ", which Fleetgate generates from the SLO specs (bundle '"
              + SloRuleBundle.NAME
              + "'); remove this file and change the SLO spec or fleet.yaml's spec.slo instead");
    }
    if (base == null) {
      objects.put(overlay.ref(), overlay);
      if (!bundles.contains(OVERLAY_BUNDLE)) {
        bundles.add(OVERLAY_BUNDLE);
      }
      return;
    }
    objects.put(
        base.ref(),
        new RenderedObject(
            base.ref(),
            base.bundle(),
            MergePatch.apply(base.content(), overlay.content()),
            base.source()));
  }
}
