package io.fleetgate.cli;

import io.fleetgate.api.RolloutStatus;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code fleetgate rollout start|pause|resume|approve|rollback NAME}: a command on a rollout
 * through the running platform, as the token's holder (recorded in the audit log).
 */
abstract class RolloutActCommand implements Callable<Integer> {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @CommandLine.Mixin PlatformClient platform;

  @Parameters(index = "0", paramLabel = "NAME", description = "The rollout.")
  String name;

  abstract RolloutStatus.Command command();

  /** For an approval, the wave approved (refused unless it is the current one). */
  String wave() {
    return null;
  }

  @Override
  public Integer call() {
    String verb = command().name().toLowerCase(Locale.ROOT);
    try {
      RolloutStatus.CommandResult result =
          platform.post(
              "/api/v1/rollouts/"
                  + URLEncoder.encode(name, StandardCharsets.UTF_8)
                  + "/"
                  + verb
                  + (wave() == null
                      ? ""
                      : "?wave=" + URLEncoder.encode(wave(), StandardCharsets.UTF_8)),
              RolloutStatus.CommandResult.class);
      var out = spec.commandLine().getOut();
      out.print(
          RolloutStatusCommand.RolloutText.clean(
              name + " " + verb + ": " + result.message() + System.lineSeparator()));
      RolloutStatusCommand.RolloutText.print(out, result.rollout());
      out.flush();
      return ExitCodes.OK;
    } catch (PlatformClient.Refused e) {
      spec.commandLine()
          .getErr()
          .println(
              RolloutStatusCommand.RolloutText.clean(
                  name + " " + verb + " refused: " + e.getMessage()));
      return e.status == 404 ? ExitCodes.BAD_INPUT : ExitCodes.FAILED;
    }
  }

  @Command(
      name = "start",
      description = {
        "Start a rollout: its waves advance as their gates open.",
        "Exit codes: 0 started, 1 refused, 2 no such rollout."
      })
  static final class Start extends RolloutActCommand {
    @Override
    RolloutStatus.Command command() {
      return RolloutStatus.Command.START;
    }
  }

  @Command(
      name = "pause",
      description = {
        "Pause a running rollout: clusters being patched finish, no new one starts.",
        "Exit codes: 0 paused, 1 refused, 2 no such rollout."
      })
  static final class Pause extends RolloutActCommand {
    @Override
    RolloutStatus.Command command() {
      return RolloutStatus.Command.PAUSE;
    }
  }

  @Command(
      name = "resume",
      description = {
        "Resume a paused or halted rollout.",
        "Exit codes: 0 resumed, 1 refused, 2 no such rollout."
      })
  static final class Resume extends RolloutActCommand {
    @Override
    RolloutStatus.Command command() {
      return RolloutStatus.Command.RESUME;
    }
  }

  @Command(
      name = "approve",
      description = {
        "Approve the rollout's current wave for the groups of the token's holder.",
        "Exit codes: 0 approved, 1 refused (not in the group, nothing to approve), 2 no such"
            + " rollout."
      })
  static final class Approve extends RolloutActCommand {
    @picocli.CommandLine.Option(
        names = "--wave",
        paramLabel = "NAME",
        description =
            "The wave you approve, as the board shows it; refused if the rollout has moved on to"
                + " another (default: whichever wave is current when the platform gets the"
                + " command).")
    String wave;

    @Override
    RolloutStatus.Command command() {
      return RolloutStatus.Command.APPROVE;
    }

    @Override
    String wave() {
      return wave;
    }
  }

  @Command(
      name = "rollback",
      description = {
        "Roll a rollout back: every cluster it reached goes back to what it declared before.",
        "Exit codes: 0 rolling back, 1 refused, 2 no such rollout."
      })
  static final class Rollback extends RolloutActCommand {
    @Override
    RolloutStatus.Command command() {
      return RolloutStatus.Command.ROLLBACK;
    }
  }
}
