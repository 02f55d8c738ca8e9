package io.fleetgate.source.jgit;

import io.fleetgate.domain.Deadlines;
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
import java.util.Map;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.ResetCommand;
import org.eclipse.jgit.api.TransportConfigCallback;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.ProgressMonitor;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.StoredConfig;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.transport.CredentialsProvider;
import org.eclipse.jgit.transport.FetchResult;
import org.eclipse.jgit.transport.UsernamePasswordCredentialsProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A working copy of one branch of a remote repository ({@code file://}, a local path, or any URL
 * JGit supports), kept under {@code DATA_DIR/sources/<hash of the URL>}.
 *
 * <p>The branch is either given or the remote's default branch: the one its {@code HEAD} names,
 * read from what the remote advertises at every fetch, so that a repository whose HEAD moves (say
 * from {@code master} to {@code main}) is followed to the new branch on the next fetch. The branch
 * last followed is recorded in the working copy, so that a stale fetch after a restart still names
 * it.
 */
public final class GitSource implements SourceFetcher {

  private static final Logger log = LoggerFactory.getLogger(GitSource.class);
  private static final int TIMEOUT_SECONDS = 30;

  /** Where the working copy records the default branch it last followed. */
  private static final String SECTION = "fleetgate";

  private static final String FOLLOWED = "followedBranch";

  private final String remote;

  /** The branch given, or null to follow the remote's default branch. */
  private final String branch;

  /**
   * When following the default branch: the one the working copy last checked out (read back from it
   * after a restart); null before.
   */
  private volatile String followed;

  private final Path worktree;
  private final CommitSignatures signatures;
  private final CredentialsProvider credentials;
  private final String token;
  private final TransportConfigCallback ssh;
  private final FetchDeadline deadline;

  /**
   * @param branch the branch to follow; null to follow the remote's default branch (its HEAD)
   */
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
    this(remote, branch, dataDir, allowedSigners, token, ssh, Deadlines.DEFAULTS.fetch());
  }

  /**
   * @param fetchDeadline how long one fetch may take as a whole; past it the working copy is stale
   */
  public GitSource(
      String remote,
      String branch,
      Path dataDir,
      Path allowedSigners,
      String token,
      SshAccess ssh,
      java.time.Duration fetchDeadline) {
    this.deadline = new FetchDeadline(fetchDeadline, FetchDeadline.GRACE);
    this.remote = remote;
    this.branch = branch == null || branch.isBlank() ? null : branch.strip();
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

  /** The local clone fetches update; its history answers questions about past revisions. */
  public Path worktree() {
    return worktree;
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

  /**
   * {@inheritDoc}
   *
   * <p>Without a given branch, the branch is the one the remote's HEAD names in what the fetch's
   * own connection advertises (asked again with ls-remote only of a remote that does not say, and
   * before the first clone). A remote that cannot be reached yields {@link Fetch.Stale} from the
   * working copy; a remote whose HEAD names no branch (detached, or an empty repository) is a
   * {@link SourceException} that says to pass {@code --branch}. A working tree whose last checkout
   * was interrupted is restored to its HEAD before anything else (a fetch cut off at its deadline
   * in the middle of a checkout leaves it to the next fetch).
   */
  @Override
  public Fetch fetch() throws SourceException {
    return deadline.run(this::fetchNow, this::cutOff);
  }

  /**
   * The working copy as stale, for a fetch cut off at its deadline; without one, there is nothing
   * to keep and the fetch fails.
   */
  private Fetch cutOff(String reason) throws SourceException {
    java.io.InterruptedIOException cause = new java.io.InterruptedIOException(reason);
    if (!Files.isDirectory(worktree.resolve(".git"))) {
      throw cannotFetch(cause);
    }
    try (Git git = Git.open(worktree.toFile())) {
      return stale(git, cause);
    } catch (IOException | RuntimeException e) {
      SourceException failure = cannotFetch(cause);
      failure.addSuppressed(e);
      throw failure;
    }
  }

  private Fetch fetchNow(ProgressMonitor monitor) throws SourceException {
    // Working copies are the owner's alone (0700), whatever the files in them are created as.
    io.fleetgate.files.OwnerOnly.directory(worktree.getParent());
    boolean cloned = Files.isDirectory(worktree.resolve(".git"));
    if (cloned) {
      return update(monitor);
    }
    String target;
    try {
      target = branch != null ? branch : remoteDefaultBranch();
    } catch (GitAPIException | RuntimeException e) {
      throw cannotFetch(e);
    }
    log.info("Cloning {}", describe());
    try (Git git =
        Git.cloneRepository()
            .setURI(remote)
            .setCredentialsProvider(credentials)
            .setTransportConfigCallback(ssh)
            .setBranch(target)
            .setDirectory(worktree.toFile())
            .setTimeout(TIMEOUT_SECONDS)
            .setProgressMonitor(monitor)
            .call()) {
      return checkedOut(git, target);
    } catch (GitAPIException | IOException | RuntimeException e) {
      deleteQuietly();
      throw cannotFetch(e);
    }
  }

  /**
   * Fetches into the existing clone and checks out the branch's tip. Without a given branch, the
   * branch to follow is the one the remote's HEAD names in the refs this fetch's own connection
   * advertised; only a remote that does not say what its HEAD names (no symref capability) is asked
   * again with ls-remote. A fetch that fails keeps the working copy as stale.
   */
  private Fetch update(ProgressMonitor monitor) throws SourceException {
    try (Git git = Git.open(worktree.toFile())) {
      repairIfInterrupted(git);
      String target;
      try {
        FetchResult fetched =
            git.fetch()
                .setRemote("origin")
                .setCredentialsProvider(credentials)
                .setTransportConfigCallback(ssh)
                .setTimeout(TIMEOUT_SECONDS)
                .setProgressMonitor(monitor)
                .setRemoveDeletedRefs(true)
                .call();
        target = branch != null ? branch : followedBranch(fetched);
      } catch (GitAPIException | RuntimeException e) {
        return stale(git, e);
      }
      return checkedOut(git, target);
    } catch (GitAPIException | IOException | RuntimeException e) {
      throw cannotFetch(e);
    }
  }

  /** The branch the remote's HEAD names, from a fetch's advertisement or else ls-remote. */
  private String followedBranch(FetchResult fetched) throws GitAPIException, SourceException {
    Ref head = fetched.getAdvertisedRef(Constants.HEAD);
    if (head != null && head.isSymbolic()) {
      Map<String, Ref> advertised = new java.util.HashMap<>();
      for (Ref ref : fetched.getAdvertisedRefs()) {
        advertised.put(ref.getName(), ref);
      }
      return defaultBranch(advertised, withoutUserInfo(remote));
    }
    return remoteDefaultBranch();
  }

  /**
   * The branch the remote's HEAD names, asked of the remote (ls-remote) with the fetch's
   * credentials and transport settings.
   *
   * @throws SourceException when HEAD names no branch: it is detached, names a branch that does not
   *     exist, or the repository is empty
   */
  private String remoteDefaultBranch() throws GitAPIException, SourceException {
    Map<String, Ref> refs =
        Git.lsRemoteRepository()
            .setRemote(remote)
            .setCredentialsProvider(credentials)
            .setTransportConfigCallback(ssh)
            .setTimeout(TIMEOUT_SECONDS)
            .callAsMap();
    return defaultBranch(refs, withoutUserInfo(remote));
  }

  /**
   * The short name of the branch HEAD names among the refs a remote advertised.
   *
   * @param shown the remote as it may be shown
   * @throws SourceException when HEAD names no existing branch
   */
  private static String defaultBranch(Map<String, Ref> advertised, String shown)
      throws SourceException {
    Ref head = advertised.get(Constants.HEAD);
    String why;
    if (head == null) {
      why = advertised.isEmpty() ? "the repository is empty" : "its HEAD names no existing branch";
    } else if (!head.isSymbolic()) {
      why =
          "its HEAD is detached"
              + (head.getObjectId() == null
                  ? ""
                  : " at " + head.getObjectId().abbreviate(7).name());
    } else if (!head.getTarget().getName().startsWith(Constants.R_HEADS)
        || head.getTarget().getObjectId() == null) {
      why = "its HEAD names " + head.getTarget().getName() + ", which is not a branch with commits";
    } else {
      return Repository.shortenRefName(head.getTarget().getName());
    }
    throw new SourceException(
        "The remote "
            + shown
            + " has no default branch to follow: "
            + why
            + ". Pass --branch to choose the branch to sync.",
        null);
  }

  /**
   * Puts the working tree back on its HEAD when a checkout was stopped in the middle (its marker is
   * still there): files the checkout had removed come back, half-written ones are rewritten.
   */
  private void repairIfInterrupted(Git git) {
    if (!WorktreeUpdate.interrupted(git.getRepository())) {
      return;
    }
    log.warn("The last checkout of {} was interrupted; restoring its working tree", worktree);
    try {
      git.reset().setMode(ResetCommand.ResetType.HARD).call();
      git.clean().setCleanDirectories(true).setForce(true).setIgnore(false).call();
      WorktreeUpdate.end(git.getRepository());
    } catch (GitAPIException | IOException | RuntimeException e) {
      // A HEAD that cannot be checked out (a tree a checkout refused): the checkout of the next
      // tip resets the tree as a whole and ends the marker.
      log.warn(
          "Cannot restore the working tree of {} to its HEAD: {}; the next checkout will",
          worktree,
          e.getMessage());
    }
  }

  /** The last revision checked out, kept because the remote cannot be reached. */
  private Fetch stale(Git git, Exception cause) throws IOException {
    if (branch == null && followed == null) {
      followed = git.getRepository().getConfig().getString(SECTION, null, FOLLOWED);
    }
    Revision last = revision(git, git.getRepository().resolve("HEAD"));
    log.warn(
        "Cannot fetch {}; keeping {} as stale: {}",
        withoutUserInfo(remote),
        last.shortCommit(),
        scrub(rootMessage(cause)));
    return new Fetch.Stale(
        last,
        worktree,
        "cannot fetch " + withoutUserInfo(remote) + ": " + scrub(rootMessage(cause)));
  }

  private SourceException cannotFetch(Exception e) {
    return new SourceException(
        "Cannot fetch "
            + (branch == null ? "the default branch" : "branch '" + branch + "'")
            + " of "
            + withoutUserInfo(remote)
            + ": "
            + scrub(rootMessage(e))
            + ". Check the URL, the branch and the credentials.",
        e);
  }

  /**
   * The fetched tip of {@code target}, judged by the allowed signers before anything of it is
   * checked out: a refused tip leaves the working copy on the last revision accepted (a fresh clone
   * excepted, which holds the tip it cloned).
   */
  private Fetch checkedOut(Git git, String target) throws IOException, GitAPIException {
    ObjectId tip = git.getRepository().resolve("refs/remotes/origin/" + target);
    if (tip == null) {
      throw new IOException("the remote has no branch '" + target + "'");
    }
    Revision revision = revision(git, tip);
    if (signatures != null) {
      try (RevWalk walk = new RevWalk(git.getRepository())) {
        var refusal = signatures.refusal(git.getRepository(), walk.parseCommit(tip));
        if (refusal.isPresent()) {
          log.warn("Refusing {}: {}", revision.shortCommit(), refusal.get());
          return new Fetch.Refused(revision, worktree, refusal.get());
        }
      }
    }
    checkout(git, tip, target);
    return new Fetch.Fresh(revision, worktree);
  }

  /**
   * {@inheritDoc} With the branch: {@code url#branch}, or {@code url#master (remote default)} when
   * following the remote's default branch ({@code url (remote default branch)} before the first
   * fetch has resolved it).
   */
  @Override
  public String describe() {
    if (branch != null) {
      return withoutUserInfo(remote) + "#" + branch;
    }
    String resolved = followed;
    return resolved == null
        ? withoutUserInfo(remote) + " (remote default branch)"
        : withoutUserInfo(remote) + "#" + resolved + " (remote default)";
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

  /**
   * Resets the working copy to the fetched tip of {@code target}; when following the default
   * branch, records {@code target} as followed, in memory and in the working copy's config. A
   * marker in the repository stands while the working tree is being changed, so that a process
   * stopped in the middle leaves a working copy the next fetch repairs before anything reads it.
   */
  private void checkout(Git git, ObjectId tip, String target) throws IOException, GitAPIException {
    WorktreeUpdate.begin(git.getRepository());
    try {
      WorktreeUpdate.clearChanged(git.getRepository(), tip);
    } catch (IOException | RuntimeException e) {
      // Only a speed-up: the reset below rewrites whatever is left as it would have anyway.
      log.debug(
          "Cannot clear the changed files of {} before the reset: {}", worktree, e.toString());
    }
    reset(git, tip);
    git.clean().setCleanDirectories(true).setForce(true).setIgnore(false).call();
    WorktreeUpdate.end(git.getRepository());
    if (branch == null) {
      follow(git, target);
    }
  }

  /**
   * A hard reset to the tip, tried once more after a moment when the branch's ref is locked: a ref
   * update that finds its lock taken is JGit's way of saying someone else writes it right now,
   * which passes; a second failure is the fetch's error.
   */
  private void reset(Git git, ObjectId tip) throws GitAPIException {
    try {
      git.reset().setMode(ResetCommand.ResetType.HARD).setRef(tip.name()).call();
    } catch (org.eclipse.jgit.api.errors.JGitInternalException e) {
      if (e.getMessage() == null || !e.getMessage().startsWith("Cannot lock")) {
        throw e;
      }
      log.warn("Resetting {} found a lock taken ({}); trying once more", worktree, e.getMessage());
      try {
        Thread.sleep(100);
      } catch (InterruptedException interrupted) {
        Thread.currentThread().interrupt();
        throw e;
      }
      git.reset().setMode(ResetCommand.ResetType.HARD).setRef(tip.name()).call();
    }
  }

  private void follow(Git git, String target) throws IOException {
    StoredConfig config = git.getRepository().getConfig();
    String before = followed != null ? followed : config.getString(SECTION, null, FOLLOWED);
    if (before != null && !before.equals(target)) {
      log.info(
          "The default branch of {} is now '{}' (was '{}'); following it",
          withoutUserInfo(remote),
          target,
          before);
    }
    if (!target.equals(config.getString(SECTION, null, FOLLOWED))) {
      config.setString(SECTION, null, FOLLOWED, target);
      config.save();
    }
    followed = target;
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

  static String hash(String remote) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(remote.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
