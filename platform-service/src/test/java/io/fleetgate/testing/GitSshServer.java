package io.fleetgate.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.List;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.server.Environment;
import org.apache.sshd.server.ExitCallback;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.command.Command;
import org.apache.sshd.server.config.keys.AuthorizedKeysAuthenticator;
import org.apache.sshd.server.keyprovider.SimpleGeneratorHostKeyProvider;

/**
 * An SSH server on loopback (Apache MINA sshd) that serves Git repositories by running Git's own
 * {@code git-upload-pack} for keys in an authorized-keys file.
 */
public final class GitSshServer implements AutoCloseable {

  private final SshServer server;

  private GitSshServer(SshServer server) {
    this.server = server;
  }

  public static GitSshServer start(Path authorizedKeys, Path workDir) throws IOException {
    SshServer server = SshServer.setUpDefaultServer();
    server.setHost("127.0.0.1");
    server.setPort(0);
    SimpleGeneratorHostKeyProvider hostKeys =
        new SimpleGeneratorHostKeyProvider(workDir.resolve("host-key"));
    hostKeys.setAlgorithm("RSA");
    server.setKeyPairProvider(hostKeys);
    server.setPublickeyAuthenticator(new AuthorizedKeysAuthenticator(authorizedKeys));
    server.setPasswordAuthenticator(null);
    server.setCommandFactory((channel, command) -> new UploadPack(command));
    server.start();
    return new GitSshServer(server);
  }

  public int port() {
    return server.getPort();
  }

  /** A known-hosts line for this server, as {@code ssh-keyscan -p PORT 127.0.0.1} prints it. */
  public String knownHostsLine() throws Exception {
    KeyPair key = server.getKeyPairProvider().loadKeys(null).iterator().next();
    return "[127.0.0.1]:" + port() + " " + PublicKeyEntry.toString(key.getPublic());
  }

  @Override
  public void close() throws IOException {
    server.stop(true);
  }

  /** Runs {@code git-upload-pack 'PATH'} as the SSH command asks, piping the channel's streams. */
  private static final class UploadPack implements Command {

    private final String command;
    private InputStream in;
    private OutputStream out;
    private OutputStream err;
    private ExitCallback exit;
    private Process process;

    UploadPack(String command) {
      this.command = command;
    }

    @Override
    public void setInputStream(InputStream in) {
      this.in = in;
    }

    @Override
    public void setOutputStream(OutputStream out) {
      this.out = out;
    }

    @Override
    public void setErrorStream(OutputStream err) {
      this.err = err;
    }

    @Override
    public void setExitCallback(ExitCallback exit) {
      this.exit = exit;
    }

    @Override
    public void start(ChannelSession channel, Environment env) throws IOException {
      String[] parts = command.split(" ", 2);
      if (!parts[0].equals("git-upload-pack") || parts.length < 2) {
        err.write(("only git-upload-pack is served, not: " + command + "\n").getBytes());
        err.flush();
        exit.onExit(1);
        return;
      }
      String path = parts[1].replaceAll("^'|'$", "");
      process = new ProcessBuilder(List.of("git-upload-pack", path)).start();
      Thread.ofVirtual().start(() -> pipe(in, process.getOutputStream(), true));
      Thread stdout = Thread.ofVirtual().start(() -> pipe(process.getInputStream(), out, false));
      Thread stderr = Thread.ofVirtual().start(() -> pipe(process.getErrorStream(), err, false));
      Thread.ofVirtual()
          .start(
              () -> {
                try {
                  int code = process.waitFor();
                  stdout.join();
                  stderr.join();
                  exit.onExit(code);
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                }
              });
    }

    private static void pipe(InputStream from, OutputStream to, boolean closeTarget) {
      byte[] buffer = new byte[8192];
      try {
        for (int n = from.read(buffer); n >= 0; n = from.read(buffer)) {
          to.write(buffer, 0, n);
          to.flush();
        }
      } catch (IOException e) {
        // the other side went away; the exit callback reports the outcome
      } finally {
        if (closeTarget) {
          try {
            to.close();
          } catch (IOException e) {
            // already closed
          }
        }
      }
    }

    @Override
    public void destroy(ChannelSession channel) {
      if (process != null) {
        process.destroy();
      }
    }
  }
}
