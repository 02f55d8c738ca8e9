package io.fleetgate.app;

import io.fleetgate.api.ClusterSummary;
import io.fleetgate.api.PlatformApi.BundleView;
import io.fleetgate.api.PlatformApi.RevisionView;
import io.fleetgate.api.PlatformApi.WaiverView;
import io.fleetgate.store.sqlite.SqliteStore;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The config repository as the latest sync read it: bundles, waivers, revisions. */
final class RepositoryView {

  private final SqliteStore store;
  private final java.util.function.Supplier<Optional<io.fleetgate.render.LoadedRepo>> repository;
  private final String repositoryUrl;
  private final FleetStatus fleet;
  private final Clock clock;

  RepositoryView(
      SqliteStore store,
      java.util.function.Supplier<Optional<io.fleetgate.render.LoadedRepo>> repository,
      String repositoryUrl,
      FleetStatus fleet,
      Clock clock) {
    this.store = store;
    this.repository = repository;
    this.repositoryUrl = repositoryUrl;
    this.fleet = fleet;
    this.clock = clock;
  }

  String repository() {
    return repositoryUrl;
  }

  List<RevisionView> revisions(int limit) {
    return store.revisions(limit).stream()
        .map(r -> new RevisionView(r.commit(), r.author(), r.time(), r.message()))
        .toList();
  }

  List<BundleView> bundles() {
    var loaded = repository.get();
    if (loaded.isEmpty() || loaded.get().spec() == null) {
      return List.of();
    }
    List<ClusterSummary> clusters = fleet.snapshot().clusters();
    List<BundleView> bundles = new ArrayList<>();
    for (var bundle : loaded.get().spec().bundles()) {
      bundles.add(
          new BundleView(
              bundle.name(),
              bundle.path(),
              describe(bundle.clusterSelector()),
              bundle.namespaces(),
              bundle.prune(),
              bundle.selfHeal(),
              bundle.force(),
              clusters.stream()
                  .filter(c -> bundle.clusterSelector().matches(c.labels()))
                  .map(ClusterSummary::name)
                  .toList()));
    }
    sloRules(loaded.get(), clusters).ifPresent(bundles::add);
    return bundles;
  }

  /** The generated bundle of SLO rules, when fleet.yaml delivers them to any cluster. */
  static Optional<BundleView> sloRules(
      io.fleetgate.render.LoadedRepo loaded, List<ClusterSummary> clusters) {
    var settings = loaded.spec().slo();
    List<String> namespaces =
        settings.prometheus().stream()
            .filter(p -> p.rules() != null)
            .map(p -> p.rules().namespace())
            .distinct()
            .toList();
    if (namespaces.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        new BundleView(
            io.fleetgate.render.SloRuleBundle.NAME,
            io.fleetgate.render.SloFiles.DIRECTORY,
            "clusters whose spec.slo.prometheus entry delivers rules",
            namespaces,
            true,
            false,
            true,
            clusters.stream()
                .filter(
                    c ->
                        io.fleetgate.render.SloRuleBundle.takes(
                            loaded.spec(), loaded.slos(), c.labels()))
                .map(ClusterSummary::name)
                .toList()));
  }

  List<WaiverView> waivers() {
    var today = java.time.LocalDate.now(clock.withZone(java.time.ZoneOffset.UTC));
    return repository
        .get()
        .map(
            loaded ->
                loaded.waivers().waivers().stream()
                    .map(
                        w ->
                            new WaiverView(
                                w.policy(),
                                w.object(),
                                w.clusters(),
                                w.owner(),
                                w.reason(),
                                w.expires().toString(),
                                w.activeOn(today),
                                w.declaredAt().toString()))
                    .toList())
        .orElse(List.of());
  }

  private static String describe(io.fleetgate.domain.LabelSelector selector) {
    List<String> parts = new ArrayList<>();
    selector.matchLabels().forEach((k, v) -> parts.add(k + "=" + v));
    for (var r : selector.matchExpressions()) {
      parts.add(
          r.key()
              + " "
              + r.operator().name().toLowerCase(Locale.ROOT)
              + (r.values().isEmpty() ? "" : " (" + String.join(", ", r.values()) + ")"));
    }
    return parts.isEmpty() ? "every cluster" : String.join(", ", parts);
  }
}
