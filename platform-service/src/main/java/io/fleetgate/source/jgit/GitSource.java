package io.fleetgate.source.jgit;

import io.fleetgate.domain.Revision;
import io.fleetgate.source.SourceException;
import io.fleetgate.source.SourceFetcher;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.ResetCommand;
import org.eclipse.jgit.api.TransportConfigCallback;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.transport.CredentialsProvider;
import org.eclipse.jgit.transport.UsernamePasswordCredentialsProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A working copy of one branch of a remote repository ({@code file://}, a local path, or any URL
 * JGit supports), kept under {@code DATA_DIR/sources/<hash of the URL>}.
 */
public final class GitSource implements SourceFetcher {

  private static final Logger log = LoggerFactory.getLogger(GitSource.class);
  private static final int TIMEOUT_SECONDS = 30;

  private final String remote;
  private final String branch;
  private final Path worktree;
  private final CommitSignatures signatures;
  private final CredentialsProvider credentials;
  private final String token;
  private final TransportConfigCallback ssh;

  public GitSource(String remote, String branch, Path dataDir) {
    this(remote, branch, dataDir, null, null);
  }

  /**
   * @param allowedSigners when not null, only branch tips signed (SSH) by a key in this
   *     allowed-signers file are accepted; others are {@link Fetch.Refused}
   */
  /**
   * @param token an access token for HTTPS remotes (sent as the password of HTTP basic auth, as Git
   *     hosts expect); null for none
   */
  public GitSource(String remote, String branch, Path dataDir, Path allowedSigners, String token) {
    this(remote, branch, dataDir, allowedSigners, token, null);
  }

  /**
   * @param ssh the key and known hosts for {@code ssh://} remotes; null to use none
   */
  public GitSource(
      String remote,
      String branch,
      Path dataDir,
      Path allowedSigners,
      String token,
      SshAccess ssh) {
    this.remote = remote;
    this.branch = branch;
    this.worktree = dataDir.resolve("sources").resolve(hash(remote));
    this.signatures = allowedSigners == null ? null : new CommitSignatures(allowedSigners);
    this.token = token;
    if (ssh != null) {
      ssh.check();
    }
    this.ssh = ssh == null ? transport -> {} : ssh.callback(dataDir.resolve("ssh"));
    this.credentials =
        token == null || token.isBlank()
            ? null
            : new UsernamePasswordCredentialsProvider("fleetgate", token);
  }

  /** A local path or a URL, as given on the command line. */
  public static String remoteOf(String repo) {
    if (repo.contains("://") || repo.startsWith("git@")) {
      return repo;
    }
    // Path.toUri() ends directories with '/' only while they exist; the identity must not change.
    String uri = Path.of(repo).toAbsolutePath().normalize().toUri().toString();
    return uri.endsWith("/") ? uri.substring(0, uri.length() - 1) : uri;
  }

  @Override
  public Fetch fetch() throws SourceException {
    boolean cloned = Files.isDirectory(worktree.resolve(".git"));
    try {
      if (!cloned) {
        log.info("Cloning {}", describe());
        Files.createDirectories(worktree.getParent());
        try (Git git =
            Git.cloneRepository()
                .setURI(remote)
                .setCredentialsProvider(credentials)
                .setTransportConfigCallback(ssh)
                .setBranch(branch)
                .setDirectory(worktree.toFile())
                .setTimeout(TIMEOUT_SECONDS)
                .call()) {
          return verified(git, checkout(git));
        }
      }
      try (Git git = Git.open(worktree.toFile())) {
        try {
          git.fetch()
              .setRemote("origin")
              .setCredentialsProvider(credentials)
              .setTransportConfigCallback(ssh)
              .setTimeout(TIMEOUT_SECONDS)
              .setRemoveDeletedRefs(true)
              .call();
        } catch (GitAPIException | RuntimeException e) {
          Revision last = revision(git, git.getRepository().resolve("HEAD"));
          log.warn(
              "Cannot fetch {}; keeping {} as stale: {}",
              withoutUserInfo(remote),
              last.shortCommit(),
              scrub(rootMessage(e)));
          return new Fetch.Stale(
              last,
              worktree,
              "cannot fetch " + withoutUserInfo(remote) + ": " + scrub(rootMessage(e)));
        }
        return verified(git, checkout(git));
      }
    } catch (GitAPIException | IOException | RuntimeException e) {
      if (!cloned) {
        deleteQuietly();
      }
      throw new SourceException(
          "Cannot fetch branch '"
              + branch
              + "' of "
              + withoutUserInfo(remote)
              + ": "
              + scrub(rootMessage(e))
              + ". Check the URL, the branch and the credentials.",
          e);
    }
  }

  private Fetch verified(Git git, Revision revision) throws IOException {
    if (signatures == null) {
      return new Fetch.Fresh(revision, worktree);
    }
    try (RevWalk walk = new RevWalk(git.getRepository())) {
      RevCommit commit = walk.parseCommit(ObjectId.fromString(revision.commit()));
      var refusal = signatures.refusal(git.getRepository(), commit);
      if (refusal.isPresent()) {
        log.warn("Refusing {}: {}", revision.shortCommit(), refusal.get());
        return new Fetch.Refused(revision, worktree, refusal.get());
      }
      return new Fetch.Fresh(revision, worktree);
    }
  }

  @Override
  public String describe() {
    return withoutUserInfo(remote) + "#" + branch;
  }

  /** A message as it may be shown: no credentials from the URL, no token. */
  private String scrub(String message) {
    String scrubbed = message.replace(remote, withoutUserInfo(remote));
    return token == null || token.isBlank() ? scrubbed : scrubbed.replace(token, "****");
  }

  /** A URL as it may be shown: {@code https://user:secret@host/…} loses its user part. */
  static String withoutUserInfo(String url) {
    return url.replaceFirst("^([a-zA-Z][a-zA-Z0-9+.-]*://)[^/@]*@", "$1");
  }

  private Revision checkout(Git git) throws IOException, GitAPIException {
    ObjectId tip = git.getRepository().resolve("refs/remotes/origin/" + branch);
    if (tip == null) {
      throw new IOException("the remote has no branch '" + branch + "'");
    }
    git.reset().setMode(ResetCommand.ResetType.HARD).setRef(tip.name()).call();
    git.clean().setCleanDirectories(true).setForce(true).setIgnore(false).call();
    return revision(git, tip);
  }

  private static Revision revision(Git git, ObjectId id) throws IOException {
    try (RevWalk walk = new RevWalk(git.getRepository())) {
      RevCommit commit = walk.parseCommit(id);
      PersonIdent author = commit.getAuthorIdent();
      return new Revision(
          commit.name(),
          author.getName() + " <" + author.getEmailAddress() + ">",
          author.getWhenAsInstant(),
          commit.getShortMessage());
    }
  }

  private void deleteQuietly() {
    try (var files =
        Files.exists(worktree) ? Files.walk(worktree) : java.util.stream.Stream.<Path>empty()) {
      for (Path file : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(file);
      }
    } catch (IOException e) {
      log.warn("Cannot remove the partial clone in {}: {}", worktree, e.getMessage());
    }
  }

  private static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null) {
      root = root.getCause();
    }
    return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
  }

  private static String hash(String remote) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(remote.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
