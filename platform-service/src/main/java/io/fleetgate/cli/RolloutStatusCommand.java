package io.fleetgate.cli;

import io.fleetgate.api.RolloutStatus;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code fleetgate rollout status [NAME]}: where each rollout stands, from the running platform.
 */
@Command(
    name = "status",
    description = {
      "Show where each rollout stands: its phase, each wave with the gate that holds it, each"
          + " cluster's nodes, and its latest steps. Asks the running platform (fleetgate serve).",
      "Exit codes: 0 shown, 1 the platform refused, 2 no such rollout or bad input."
    })
final class RolloutStatusCommand implements Callable<Integer> {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @CommandLine.Mixin PlatformClient platform;

  @Parameters(arity = "0..1", paramLabel = "NAME", description = "Only this rollout.")
  String name;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    RolloutStatus.Board board;
    try {
      board = platform.get("/api/v1/rollouts", RolloutStatus.Board.class);
    } catch (PlatformClient.Refused e) {
      spec.commandLine().getErr().println(e.getMessage());
      return ExitCodes.FAILED;
    }
    List<RolloutStatus.RolloutView> shown =
        board.rollouts().stream().filter(r -> name == null || r.name().equals(name)).toList();
    if (name != null && shown.isEmpty()) {
      spec.commandLine()
          .getErr()
          .println(
              "No rollout '"
                  + name
                  + "' at the synced revision; rollouts: "
                  + String.join(
                      ", ",
                      board.rollouts().stream().map(RolloutStatus.RolloutView::name).toList()));
      return ExitCodes.BAD_INPUT;
    }
    if (shown.isEmpty()) {
      out.println("No rollouts at the synced revision " + board.revision() + ".");
    }
    shown.forEach(r -> RolloutText.print(out, r));
    board.problems().forEach(p -> out.println(RolloutText.clean("problem: " + p)));
    out.flush();
    return ExitCodes.OK;
  }

  /** One rollout in words. */
  static final class RolloutText {

    private RolloutText() {}

    /**
     * Prints the rollout with every control character but the line breaks taken out: reasons carry
     * text from clusters and the management cluster (node names, managers), which must not move the
     * terminal's cursor or hide what is printed.
     */
    static void print(PrintWriter terminal, RolloutStatus.RolloutView r) {
      java.io.StringWriter text = new java.io.StringWriter();
      write(new PrintWriter(text), r);
      terminal.print(clean(text.toString()));
    }

    static String clean(String text) {
      return text.replaceAll("[\\p{Cc}&&[^\\n]]|\\p{Cf}", "");
    }

    private static void write(PrintWriter out, RolloutStatus.RolloutView r) {
      out.printf(
          "%s  %s  %s; on failure %s  (%s)%s%n",
          r.name(),
          word(r.phase().name()),
          r.target(),
          r.onFailure(),
          r.source(),
          r.took() == null ? "" : ", " + duration(r.took()));
      if (!r.reason().isEmpty()) {
        out.println("  why: " + r.reason());
      }
      int n = 1;
      for (RolloutStatus.WaveView wave : r.waves()) {
        out.printf(
            "  %d. %s  %s  %s%s%n",
            n++,
            wave.name(),
            word(wave.phase().name()),
            wave.settings(),
            wave.took() == null ? "" : ", " + duration(wave.took()));
        if (!wave.heldBy().isEmpty() && wave.phase() != RolloutStatus.WavePhase.DONE) {
          out.println("     held by " + wave.heldBy());
        }
        for (RolloutStatus.GateView gate : wave.gates()) {
          if (gate.answer() == RolloutStatus.GateAnswer.OPEN) {
            continue;
          }
          out.printf(
              "     gate %s %s: %s%n", gate.kind(), word(gate.answer().name()), gate.reason());
          for (RolloutStatus.SloBurn burn : gate.burns()) {
            out.printf(
                "       %s on %s: %s (at most %s)%n",
                burn.slo(),
                burn.cluster(),
                burn.burnRate() == null
                    ? "unknown, " + burn.reason()
                    : String.format(Locale.ROOT, "%.1f×", burn.burnRate()),
                String.format(Locale.ROOT, "%s×", trim(burn.maxBurnRate())));
          }
        }
        for (RolloutStatus.ClusterView c : wave.clusters()) {
          out.printf(
              "     %-34s %-9s %d/%d node(s) up to date, %d Ready%s%s%n",
              c.cluster(),
              word(c.phase().name()),
              c.upToDate(),
              c.nodes(),
              c.ready(),
              c.took() == null
                  ? ""
                  : ", "
                      + duration(c.took())
                      + (c.perNode() == null
                          ? ""
                          : String.format(Locale.ROOT, " (%.1f s/node)", c.perNode())),
              c.reason().isEmpty() ? "" : " — " + c.reason());
        }
      }
      if (!r.recent().isEmpty()) {
        out.println("  latest steps:");
        r.recent().stream()
            .limit(8)
            .forEach(
                s ->
                    out.printf(
                        "     %s  %s%s%s%n",
                        s.at(),
                        s.kind(),
                        s.cluster().isEmpty() ? "" : " " + s.cluster(),
                        s.message().isEmpty() ? "" : ": " + s.message()));
      }
    }

    static String word(String constant) {
      return constant.toLowerCase(Locale.ROOT).replace('_', ' ');
    }

    static String duration(long seconds) {
      return seconds < 60
          ? seconds + "s"
          : seconds < 3600
              ? (seconds / 60) + "m" + (seconds % 60) + "s"
              : (seconds / 3600) + "h" + (seconds % 3600 / 60) + "m";
    }

    private static String trim(double value) {
      return java.math.BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }
  }
}
