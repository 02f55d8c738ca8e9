package io.fleetgate.source.jgit;

import io.fleetgate.argocd.deploy.RenderedTree;
import io.fleetgate.argocd.deploy.RenderedTrees;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.TransportConfigCallback;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.dircache.DirCacheBuilder;
import org.eclipse.jgit.dircache.DirCacheEntry;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.transport.CredentialsProvider;
import org.eclipse.jgit.transport.PushResult;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.RemoteRefUpdate;
import org.eclipse.jgit.transport.UsernamePasswordCredentialsProvider;
import org.eclipse.jgit.treewalk.TreeWalk;

/**
 * Publishes rendered trees on a branch of a remote repository, without a working tree: each publish
 * fetches the branch, builds the new tree in memory from the tip's (the cluster's directory
 * replaced, everything else kept), commits it as Fleetgate on top of the tip and pushes it as a
 * fast-forward. A push that loses a race with another writer is refused by the remote as not a
 * fast-forward and is built again on the new tip, up to {@link #ATTEMPTS} times; a tree the tip
 * already holds makes no commit.
 */
public final class RenderedBranch implements RenderedTrees {

  /** The branch Argo CD reads unless told otherwise. */
  public static final String DEFAULT_BRANCH = "fleetgate/rendered";

  static final int ATTEMPTS = 5;

  private final String remote;
  private final String branch;
  private final Path local;
  private final String token;
  private final CredentialsProvider credentials;
  private final TransportConfigCallback ssh;
  private final Clock clock;

  /**
   * @param dataDir where the local object store lives (a bare repository of its own)
   * @param token an access token for HTTPS remotes, or null
   * @param ssh key and known hosts for {@code ssh://} remotes, or null
   */
  public RenderedBranch(
      String remote, String branch, Path dataDir, String token, SshAccess ssh, Clock clock) {
    this.remote = remote;
    this.branch = branch;
    this.local = dataDir.resolve("rendered").resolve(GitSource.hash(remote));
    this.token = token;
    this.credentials =
        token == null || token.isBlank()
            ? null
            : new UsernamePasswordCredentialsProvider("fleetgate", token);
    this.ssh = ssh == null ? transport -> {} : ssh.callback(dataDir.resolve("ssh"));
    this.clock = clock;
    if (!Repository.isValidRefName(Constants.R_HEADS + branch)) {
      throw new IllegalArgumentException("\"" + branch + "\" is not a valid branch name");
    }
  }

  @Override
  public synchronized Published publish(RenderedTree tree, String sourceCommit) {
    Exception last = null;
    for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
      try (Git git = open()) {
        ObjectId tip = fetchTip(git);
        Built built = build(git.getRepository(), tip, tree, sourceCommit);
        if (!built.changed()) {
          return new Published(tip.name(), false);
        }
        RemoteRefUpdate.Status status = push(git, built.commit());
        if (status == RemoteRefUpdate.Status.OK || status == RemoteRefUpdate.Status.UP_TO_DATE) {
          return new Published(built.commit().name(), true);
        }
        last = new IOException("the remote answered " + status);
      } catch (IOException | GitAPIException | RuntimeException e) {
        last = e;
      }
    }
    throw new PublishException(
        "Cannot publish the rendered tree of "
            + tree.root()
            + " on branch "
            + branch
            + " of "
            + GitSource.withoutUserInfo(remote)
            + " after "
            + ATTEMPTS
            + " attempts: "
            + scrub(String.valueOf(last.getMessage()))
            + ". Check that Fleetgate may push to that branch and that nothing else writes to it.",
        last);
  }

  private Git open() throws IOException, GitAPIException {
    io.fleetgate.files.OwnerOnly.directory(local.getParent());
    if (Files.isDirectory(local.resolve("objects"))) {
      return Git.open(local.toFile());
    }
    return Git.init().setBare(true).setDirectory(local.toFile()).call();
  }

  /** The branch's tip on the remote, or null when it does not exist yet. */
  private ObjectId fetchTip(Git git) throws GitAPIException, IOException {
    String tracking = Constants.R_REMOTES + "origin/" + branch;
    Map<String, Ref> advertised =
        git.lsRemote()
            .setRemote(remote)
            .setCredentialsProvider(credentials)
            .setTransportConfigCallback(ssh)
            .setHeads(true)
            .callAsMap();
    if (!advertised.containsKey(Constants.R_HEADS + branch)) {
      return null;
    }
    git.fetch()
        .setRemote(remote)
        .setCredentialsProvider(credentials)
        .setTransportConfigCallback(ssh)
        .setRefSpecs(new RefSpec("+" + Constants.R_HEADS + branch + ":" + tracking))
        .call();
    Ref ref = git.getRepository().exactRef(tracking);
    return ref == null ? null : ref.getObjectId();
  }

  private record Built(ObjectId commit, boolean changed) {}

  private Built build(Repository repo, ObjectId tip, RenderedTree tree, String sourceCommit)
      throws IOException {
    String prefix = tree.root() + "/";
    DirCache index = DirCache.newInCore();
    DirCacheBuilder builder = index.builder();
    try (ObjectInserter inserter = repo.newObjectInserter();
        ObjectReader reader = repo.newObjectReader();
        RevWalk walk = new RevWalk(reader)) {
      ObjectId parentTree = null;
      if (tip != null) {
        RevCommit parent = walk.parseCommit(tip);
        parentTree = parent.getTree();
        try (TreeWalk files = new TreeWalk(reader)) {
          files.addTree(parentTree);
          files.setRecursive(true);
          while (files.next()) {
            if (!files.getPathString().startsWith(prefix)) {
              DirCacheEntry kept = new DirCacheEntry(files.getRawPath());
              kept.setFileMode(files.getFileMode(0));
              kept.setObjectId(files.getObjectId(0));
              builder.add(kept);
            }
          }
        }
      }
      for (var file : tree.files().entrySet()) {
        DirCacheEntry entry = new DirCacheEntry(file.getKey());
        entry.setFileMode(FileMode.REGULAR_FILE);
        entry.setObjectId(inserter.insert(Constants.OBJ_BLOB, file.getValue()));
        builder.add(entry);
      }
      builder.finish();
      ObjectId newTree = index.writeTree(inserter);
      if (newTree.equals(parentTree)) {
        return new Built(tip, false);
      }
      PersonIdent fleetgate =
          new PersonIdent(
              "Fleetgate", "fleetgate@fleetgate.invalid", clock.instant(), clock.getZone());
      CommitBuilder commit = new CommitBuilder();
      commit.setTreeId(newTree);
      if (tip != null) {
        commit.setParentId(tip);
      }
      commit.setAuthor(fleetgate);
      commit.setCommitter(fleetgate);
      commit.setMessage(
          "Render "
              + tree.root()
              + (sourceCommit.isEmpty() ? "" : " from " + sourceCommit)
              + "\n\n"
              + tree.files().size()
              + " object(s), validated by Fleetgate's policy gate. Argo CD syncs this tree;"
              + " edit the source repository, not this branch.\n");
      ObjectId id = inserter.insert(commit);
      inserter.flush();
      return new Built(id, true);
    }
  }

  private RemoteRefUpdate.Status push(Git git, ObjectId commit) throws GitAPIException {
    Iterable<PushResult> results =
        git.push()
            .setRemote(remote)
            .setCredentialsProvider(credentials)
            .setTransportConfigCallback(ssh)
            .setRefSpecs(new RefSpec(commit.name() + ":" + Constants.R_HEADS + branch))
            .setForce(false)
            .call();
    RemoteRefUpdate.Status status = RemoteRefUpdate.Status.NOT_ATTEMPTED;
    for (PushResult result : results) {
      RemoteRefUpdate update = result.getRemoteUpdate(Constants.R_HEADS + branch);
      if (update != null) {
        status = update.getStatus();
      }
    }
    return status;
  }

  /** A message as it may be shown: no credentials from the URL, no token. */
  private String scrub(String message) {
    String scrubbed = message.replace(remote, GitSource.withoutUserInfo(remote));
    return token == null || token.isBlank() ? scrubbed : scrubbed.replace(token, "****");
  }

  @Override
  public String toString() {
    return "RenderedBranch[" + branch + " of " + GitSource.withoutUserInfo(remote) + "]";
  }
}
