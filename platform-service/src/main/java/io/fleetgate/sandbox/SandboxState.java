package io.fleetgate.sandbox;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonParseException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Optional;

/**
 * What a sandbox fleet consists of, persisted in {@code sandbox.json} so that {@code status},
 * {@code down} and a repeated {@code up} find the same members and ports.
 *
 * @param etcdClientPort etcd's client port on 127.0.0.1
 * @param etcdPeerPort etcd's peer port on 127.0.0.1
 * @param members the management cluster first, then the workload clusters
 */
public record SandboxState(int etcdClientPort, int etcdPeerPort, List<Member> members) {

  private static final Gson GSON = new GsonBuilder().setPrettyPrinting().create();

  /**
   * One API server of the fleet.
   *
   * @param name {@code management} or the workload cluster's name
   * @param port the API server's secure port on 127.0.0.1
   * @param profile the workload cluster's profile; {@code null} for the management cluster
   */
  public record Member(String name, int port, WorkloadProfile profile) {

    public boolean isManagement() {
      return profile == null;
    }

    public String server() {
      return "https://127.0.0.1:" + port;
    }
  }

  public SandboxState {
    members = List.copyOf(members);
  }

  public Member management() {
    return members.getFirst();
  }

  public List<Member> workloads() {
    return members.subList(1, members.size());
  }

  /** Reads the state; empty when there is none (never started or removed). */
  public static Optional<SandboxState> read(Path file) {
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    try {
      SandboxState state = GSON.fromJson(Files.readString(file), SandboxState.class);
      return Optional.ofNullable(state).filter(s -> s.members() != null && !s.members().isEmpty());
    } catch (IOException | JsonParseException e) {
      throw new SandboxException(
          "Cannot read "
              + file
              + " ("
              + e.getMessage()
              + "). Run 'fleetgate sandbox down' to reset it.",
          e);
    }
  }

  /** Writes the state atomically (temp file + rename), so a crash never leaves half a file. */
  public void write(Path file) {
    try {
      Files.createDirectories(file.getParent());
      Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
      Files.writeString(tmp, GSON.toJson(this));
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new SandboxException("Cannot write " + file + ": " + e.getMessage(), e);
    }
  }
}
