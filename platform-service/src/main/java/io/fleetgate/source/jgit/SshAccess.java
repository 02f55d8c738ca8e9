package io.fleetgate.source.jgit;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.eclipse.jgit.api.TransportConfigCallback;
import org.eclipse.jgit.transport.SshTransport;
import org.eclipse.jgit.transport.sshd.SshdSessionFactory;
import org.eclipse.jgit.transport.sshd.SshdSessionFactoryBuilder;

/**
 * SSH access to a remote with one private key, trusting only the host keys in one known-hosts file
 * (strict checking: an unknown or changed host key refuses the connection). Nothing is read from
 * the user's {@code ~/.ssh}.
 *
 * @param privateKey an unencrypted private key (OpenSSH or PEM format)
 * @param knownHosts known-hosts lines for the Git host, as {@code ssh-keyscan} prints them
 */
public record SshAccess(Path privateKey, Path knownHosts) {

  /** The callback that gives SSH transports this key and these host keys. */
  TransportConfigCallback callback(Path workDir) {
    File home = workDir.toFile();
    SshdSessionFactory factory =
        new SshdSessionFactoryBuilder()
            .setHomeDirectory(home)
            .setSshDirectory(home)
            .setConfigFile(dir -> new File(home, "no-ssh-config"))
            .setPreferredAuthentications("publickey")
            .setDefaultIdentities(dir -> List.of(privateKey))
            .setDefaultKnownHostsFiles(dir -> List.of(knownHosts))
            .build(null);
    return transport -> {
      if (transport instanceof SshTransport ssh) {
        ssh.setSshSessionFactory(factory);
      }
    };
  }

  /** Checks the files exist, so a typo fails with a sentence rather than an SSH error. */
  void check() {
    if (!Files.isReadable(privateKey)) {
      throw new IllegalArgumentException("The SSH key " + privateKey + " cannot be read");
    }
    if (!Files.isReadable(knownHosts)) {
      throw new IllegalArgumentException(
          "The known-hosts file " + knownHosts + " cannot be read; create it with ssh-keyscan");
    }
  }
}
