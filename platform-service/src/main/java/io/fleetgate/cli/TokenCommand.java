package io.fleetgate.cli;

import io.fleetgate.auth.ApiToken;
import io.fleetgate.auth.Role;
import io.fleetgate.auth.Tokens;
import io.fleetgate.store.sqlite.SqliteStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code fleetgate token create|list|revoke}: bearer tokens of the platform API. */
@Command(
    name = "token",
    description = "Manage the platform API's bearer tokens.",
    subcommands = {TokenCommand.Create.class, TokenCommand.List.class, TokenCommand.Revoke.class})
final class TokenCommand implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  static SqliteStore open(Path given) throws java.io.IOException {
    Path dir = DataDir.orDefault(given);
    Files.createDirectories(dir);
    return SqliteStore.open(dir, Clock.systemUTC());
  }

  @Command(
      name = "create",
      description = {
        "Create a token and print it once on stdout; only its SHA-256 is kept.",
        "Roles: viewer (read), operator (read, refresh, reports), admin (everything)."
      })
  static final class Create implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Option(names = "--role", required = true, description = "viewer, operator or admin.")
    String role;

    @Option(names = "--name", required = true, description = "Who or what holds it, e.g. ci.")
    String name;

    @Option(
        names = "--group",
        paramLabel = "GROUP",
        description =
            "A group its holder belongs to, e.g. payments-change-board (repeatable); rollout waves"
                + " that need a group's approval accept it from the group's tokens.")
    java.util.List<String> groups = new java.util.ArrayList<>();

    @Option(
        names = "--data-dir",
        paramLabel = "DIR",
        description = "Where the database is (default: ~/.fleetgate/data).")
    Path dataDir;

    @Override
    public Integer call() throws Exception {
      Role parsed = Role.parse(role);
      try (SqliteStore store = open(dataDir)) {
        Tokens.Issued issued = new Tokens(store.tokens()).create(name, parsed, groups);
        spec.commandLine().getOut().println(issued.secret());
        spec.commandLine().getOut().flush();
        spec.commandLine()
            .getErr()
            .printf(
                "Created %s token '%s'. It is shown only now; store it safely.%n",
                parsed.wire(), issued.token().name());
        return ExitCodes.OK;
      }
    }
  }

  @Command(name = "list", description = "List the tokens (names, roles, creation), never secrets.")
  static final class List implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "Where the database is.")
    Path dataDir;

    @Override
    public Integer call() throws Exception {
      try (SqliteStore store = open(dataDir)) {
        for (ApiToken token : store.tokens().tokens()) {
          spec.commandLine()
              .getOut()
              .printf("%-24s %-8s %s%n", token.name(), token.role().wire(), token.created());
        }
        return ExitCodes.OK;
      }
    }
  }

  @Command(name = "revoke", description = "Revoke a token by name.")
  static final class Revoke implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @CommandLine.Parameters(paramLabel = "NAME", description = "The token's name.")
    String name;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "Where the database is.")
    Path dataDir;

    @Override
    public Integer call() throws Exception {
      try (SqliteStore store = open(dataDir)) {
        if (!store.tokens().revoke(name)) {
          throw new IllegalArgumentException("no token named '" + name + "'");
        }
        spec.commandLine().getErr().printf("Revoked '%s'.%n", name);
        return ExitCodes.OK;
      }
    }
  }
}
