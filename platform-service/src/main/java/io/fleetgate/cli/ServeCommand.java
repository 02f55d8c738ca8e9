package io.fleetgate.cli;

import io.fleetgate.app.PlatformServer;
import io.fleetgate.app.SyncSetup;
import io.fleetgate.httpapi.ApiSettings;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code fleetgate serve}: keeps the fleet in sync with the repository until stopped. */
@Command(
    name = "serve",
    description = {
      "Keep the fleet in sync: poll the repository, sync every targeted cluster, check for drift regularly.",
      "Stops cleanly on SIGTERM or Ctrl-C after the sync in progress."
    })
final class ServeCommand implements Callable<Integer> {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @CommandLine.Mixin RepoOptions source;
  @CommandLine.Mixin ArgoCdDriverOptions argocd;

  @Option(
      names = "--interval",
      defaultValue = "30s",
      paramLabel = "DURATION",
      description = "Poll interval, e.g. 30s or 2m (default: ${DEFAULT-VALUE}).")
  String interval;

  @Option(
      names = "--rollout-interval",
      defaultValue = "5s",
      paramLabel = "DURATION",
      description =
          "How often rollouts in motion take a step: read their clusters, move their waves"
              + " (default: ${DEFAULT-VALUE}).")
  String rolloutInterval;

  @Option(
      names = "--full-check-every",
      defaultValue = "10m",
      paramLabel = "DURATION",
      description =
          "How often to compare every object with the live clusters (default: ${DEFAULT-VALUE}).")
  String fullCheckEvery;

  @Option(
      names = "--port",
      defaultValue = "8742",
      paramLabel = "N",
      description = "Port of the platform API (default: ${DEFAULT-VALUE}; 0 picks a free one).")
  int port;

  @Option(
      names = "--host",
      defaultValue = "127.0.0.1",
      paramLabel = "ADDRESS",
      description = "Address the API listens on (default: ${DEFAULT-VALUE}, this machine only).")
  String host;

  @Option(
      names = "--webhook-secret-file",
      paramLabel = "FILE",
      description =
          "File holding the push webhooks' shared secret (else FLEETGATE_WEBHOOK_SECRET; without"
              + " one, webhooks are refused).")
  java.nio.file.Path webhookSecretFile;

  @Option(
      names = "--api-token-file",
      paramLabel = "ROLE=FILE",
      description =
          "Accept the API token held in FILE (fgt_ and 43 base64url characters, e.g. a mounted"
              + " Secret) with ROLE viewer, operator or admin, while this process runs; repeatable."
              + " The token is never stored; change the file and restart to rotate it.")
  java.util.Map<String, java.nio.file.Path> apiTokenFiles = new java.util.LinkedHashMap<>();

  @Option(
      names = "--tls-keystore",
      paramLabel = "FILE",
      description =
          "Serve the API over HTTPS with this PKCS#12 keystore (key and certificate chain); its"
              + " password from --tls-keystore-password-file or FLEETGATE_TLS_KEYSTORE_PASSWORD.")
  java.nio.file.Path tlsKeystore;

  @Option(
      names = "--tls-keystore-password-file",
      paramLabel = "FILE",
      description = "File holding the TLS keystore's password.")
  java.nio.file.Path tlsKeystorePasswordFile;

  @Option(
      names = "--argocd-register",
      description =
          "Keep every Cluster API cluster registered in Argo CD (cluster Secrets in"
              + " --argocd-namespace of the management cluster), on the poll interval; each"
              + " Secret written or deleted is an audit row.")
  boolean argocdRegister;

  @Option(
      names = "--argocd-namespace",
      defaultValue = "argocd",
      paramLabel = "NAMESPACE",
      description = "Argo CD's namespace on the management cluster (default: ${DEFAULT-VALUE}).")
  String argocdNamespace;

  @Override
  public Integer call() throws Exception {
    Duration poll = DurationArg.parse(interval, "--interval", spec);
    Duration full = DurationArg.parse(fullCheckEvery, "--full-check-every", spec);
    if (port < 0 || port > 65_535) {
      throw new IllegalArgumentException("--port must be between 0 and 65535, not " + port);
    }
    PrintWriter out = spec.commandLine().getOut();
    java.util.Map<io.fleetgate.auth.Role, String> accepted = apiTokens();
    SyncSetup.Config config = source.config(SyncSetup.Engine.WASM, null);
    io.fleetgate.app.ArgoCdDriver driver = argocd.driver(spec.commandLine());
    try (PlatformServer server =
        PlatformServer.start(
            config,
            new ApiSettings(host, port, webhookSecret(), tls()),
            poll,
            full,
            Clock.systemUTC(),
            report -> {
              out.printf(
                  "%s %s %s%n",
                  report.revision().shortCommit(),
                  report.stale() ? "STALE (" + report.staleReason() + ")" : "",
                  report.outcomes().stream()
                      .map(o -> o.cluster() + "=" + o.word())
                      .collect(Collectors.joining(" ")));
              out.flush();
            },
            driver)) {
      accepted.forEach((role, secret) -> server.acceptToken("file-" + role.wire(), role, secret));
      server.rolloutInterval(DurationArg.parse(rolloutInterval, "--rollout-interval", spec));
      if (argocdRegister) {
        server.registerInArgoCd(argocdNamespace);
      }
      Thread hook = new Thread(server::stop, "fleetgate-shutdown");
      Runtime.getRuntime().addShutdownHook(hook);
      out.printf(
          "Serving %s every %s (full drift check every %s); API on %s://%s:%d; Ctrl-C to stop%n",
          source.describe(),
          interval,
          fullCheckEvery,
          tlsKeystore == null ? "http" : "https",
          host,
          server.port());
      if (driver != null) {
        out.printf(
            "Syncing through Argo CD at %s from rendered branch %s of %s%n",
            driver.server(), driver.renderedBranch(), driver.renderedRepo());
      }
      if (argocdRegister) {
        out.printf(
            "Registering the clusters in Argo CD (namespace %s) every %s%n",
            argocdNamespace, interval);
      }
      out.flush();
      server.run();
      return ExitCodes.OK;
    }
  }

  /** Each {@code --api-token-file}'s token by role; errors name the file, never its content. */
  private java.util.Map<io.fleetgate.auth.Role, String> apiTokens() throws java.io.IOException {
    java.util.Map<io.fleetgate.auth.Role, String> tokens =
        new java.util.EnumMap<>(io.fleetgate.auth.Role.class);
    for (var entry : apiTokenFiles.entrySet()) {
      io.fleetgate.auth.Role role;
      try {
        role = io.fleetgate.auth.Role.valueOf(entry.getKey().toUpperCase(java.util.Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "--api-token-file "
                + entry.getKey()
                + "=…: the role must be viewer, operator or admin");
      }
      if (tokens.containsKey(role)) {
        throw new IllegalArgumentException(
            "--api-token-file names role " + role.wire() + " twice; give one file per role");
      }
      java.nio.file.Path file = entry.getValue();
      String where = "--api-token-file " + entry.getKey() + "=" + file + ": ";
      String secret;
      try (java.io.InputStream in = java.nio.file.Files.newInputStream(file)) {
        byte[] bytes = in.readNBytes(1025);
        if (bytes.length > 1024) {
          throw new IllegalArgumentException(where + "larger than 1 KiB");
        }
        secret = new String(bytes, java.nio.charset.StandardCharsets.UTF_8).strip();
      } catch (java.io.IOException e) {
        throw new IllegalArgumentException(
            where + "cannot be read (" + e.getClass().getSimpleName() + ")");
      }
      if (tokens.containsValue(secret)) {
        throw new IllegalArgumentException(
            where + "holds the token of another role; give each its own");
      }
      try {
        io.fleetgate.auth.Tokens.requireWellMade(secret);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(where + e.getMessage());
      }
      tokens.put(role, secret);
    }
    return tokens;
  }

  private ApiSettings.Tls tls() throws java.io.IOException {
    if (tlsKeystore == null) {
      if (tlsKeystorePasswordFile != null) {
        throw new IllegalArgumentException("--tls-keystore-password-file needs --tls-keystore");
      }
      return null;
    }
    String password =
        tlsKeystorePasswordFile != null
            ? java.nio.file.Files.readString(tlsKeystorePasswordFile).strip()
            : System.getenv("FLEETGATE_TLS_KEYSTORE_PASSWORD");
    if (password == null) {
      throw new IllegalArgumentException(
          "--tls-keystore needs its password: --tls-keystore-password-file FILE or"
              + " FLEETGATE_TLS_KEYSTORE_PASSWORD");
    }
    return new ApiSettings.Tls(tlsKeystore, password.toCharArray());
  }

  private byte[] webhookSecret() throws java.io.IOException {
    String secret =
        webhookSecretFile != null
            ? java.nio.file.Files.readString(webhookSecretFile).strip()
            : System.getenv("FLEETGATE_WEBHOOK_SECRET");
    return secret == null
        ? new byte[0]
        : secret.strip().getBytes(java.nio.charset.StandardCharsets.UTF_8);
  }
}
