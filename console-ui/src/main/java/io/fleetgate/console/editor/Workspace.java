package io.fleetgate.console.editor;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.PullResult;
import org.eclipse.jgit.api.RebaseResult;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.ProgressMonitor;
import org.eclipse.jgit.lib.StoredConfig;
import org.eclipse.jgit.transport.PushResult;
import org.eclipse.jgit.transport.RemoteRefUpdate;
import org.eclipse.jgit.treewalk.FileTreeIterator;

/**
 * The editor's Git working copy: a clone of the fleet repository the console commits in and pushes
 * from. Every failure is an {@link EditorException} whose message is a sentence.
 */
public final class Workspace implements AutoCloseable {

  private static final List<String> EDITABLE = List.of(".yaml", ".yml", ".rego", ".json");

  private final Git git;
  private final Path root;

  private Workspace(Git git) {
    this.git = git;
    this.root = git.getRepository().getWorkTree().toPath();
  }

  /** Opens the clone at {@code dir}, cloning {@code origin} (branch main) there first if needed. */
  public static Workspace open(Path dir, String origin) throws EditorException {
    try {
      if (Files.isDirectory(dir.resolve(".git"))) {
        return new Workspace(Git.open(dir.toFile()));
      }
      Files.createDirectories(dir);
      return new Workspace(
          Git.cloneRepository().setURI(origin).setDirectory(dir.toFile()).setBranch("main").call());
    } catch (IOException | GitAPIException e) {
      throw new EditorException(
          "Cannot open a working copy of " + origin + " in " + dir + ": " + e.getMessage(), e);
    }
  }

  public Path root() {
    return root;
  }

  /**
   * The files a person edits (manifests, policies, JSON), relative, sorted; a symlink whose target
   * is outside the working copy is not one of them.
   */
  public List<String> files() throws EditorException {
    try (Stream<Path> walk = Files.walk(root)) {
      return walk.filter(Files::isRegularFile)
          .filter(this::insideOnDisk)
          .map(root::relativize)
          .filter(p -> !p.startsWith(".git"))
          .map(p -> p.toString().replace('\\', '/'))
          .filter(p -> EDITABLE.stream().anyMatch(p::endsWith))
          .sorted(Comparator.naturalOrder())
          .toList();
    } catch (IOException e) {
      throw new EditorException("Cannot list " + root + ": " + e.getMessage(), e);
    }
  }

  /** Reads a file of the working copy; never through a link that leads out of it. */
  public String read(String file) throws EditorException {
    try {
      return Files.readString(confined(file));
    } catch (IOException e) {
      throw new EditorException("Cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  /**
   * Saves a file of the working copy; never through a link (of the file or of a directory above it)
   * that leads out of it.
   */
  public void write(String file, String content) throws EditorException {
    try {
      Path target = confined(file);
      Files.writeString(
          target,
          content,
          StandardOpenOption.CREATE,
          StandardOpenOption.TRUNCATE_EXISTING,
          StandardOpenOption.WRITE,
          LinkOption.NOFOLLOW_LINKS);
    } catch (IOException e) {
      throw new EditorException("Cannot save " + file + ": " + e.getMessage(), e);
    }
  }

  /** The unified diff of the working tree against HEAD ("" when nothing changed). */
  public String diff() throws EditorException {
    try (ByteArrayOutputStream out = new ByteArrayOutputStream();
        org.eclipse.jgit.lib.ObjectReader reader = git.getRepository().newObjectReader()) {
      org.eclipse.jgit.treewalk.CanonicalTreeParser head =
          new org.eclipse.jgit.treewalk.CanonicalTreeParser();
      head.reset(reader, git.getRepository().resolve("HEAD^{tree}"));
      git.diff()
          .setOldTree(head)
          .setNewTree(new FileTreeIterator(git.getRepository()))
          .setOutputStream(out)
          .call();
      return out.toString(StandardCharsets.UTF_8);
    } catch (IOException | GitAPIException e) {
      throw new EditorException("Cannot compare with HEAD: " + e.getMessage(), e);
    }
  }

  /** Who commits, from the Git configuration (user.name, user.email), when set. */
  public PersonIdent author() {
    StoredConfig config = git.getRepository().getConfig();
    String name = config.getString("user", null, "name");
    String email = config.getString("user", null, "email");
    return new PersonIdent(
        name == null ? System.getProperty("user.name", "Fleetgate user") : name,
        email == null ? "" : email);
  }

  /**
   * Commits every change in the working tree.
   *
   * @param signOff adds a Signed-off-by line for the author
   * @return the new commit id
   */
  public String commit(String message, PersonIdent author, boolean signOff) throws EditorException {
    return commit(message, author, signOff, false);
  }

  /**
   * Commits every change in the working tree, signed with the signing key of the working copy's Git
   * configuration when asked ({@code gpg.format} ssh or openpgp, {@code user.signingKey}).
   *
   * @return the new commit id
   */
  public String commit(String message, PersonIdent author, boolean signOff, boolean sign)
      throws EditorException {
    if (message == null || message.isBlank()) {
      throw new EditorException("A commit needs a message that says what changed and why.");
    }
    try {
      if (git.status().call().isClean()) {
        throw new EditorException("There is nothing to commit: no file differs from HEAD.");
      }
      git.add().addFilepattern(".").call();
      git.add().addFilepattern(".").setUpdate(true).call();
      String text =
          signOff
              ? message.strip()
                  + "\n\nSigned-off-by: "
                  + author.getName()
                  + " <"
                  + author.getEmailAddress()
                  + ">"
              : message.strip();
      return git.commit()
          .setMessage(text)
          .setAuthor(author)
          .setCommitter(author)
          .setSign(sign)
          .call()
          .name();
    } catch (GitAPIException | org.eclipse.jgit.api.errors.JGitInternalException e) {
      throw new EditorException(
          sign
              ? "Cannot sign the commit: set user.signingKey (and gpg.format ssh or openpgp) in the"
                  + " Git configuration of "
                  + root
                  + " ("
                  + e.getMessage()
                  + ")"
              : "Cannot commit: " + e.getMessage(),
          e);
    }
  }

  /** Whether the Git configuration asks for signed commits ({@code commit.gpgSign}). */
  public boolean signsByDefault() {
    return git.getRepository().getConfig().getBoolean("commit", null, "gpgsign", false);
  }

  /** Pushes main to origin, reporting progress; explains a rejection in words. */
  public String push(ProgressMonitor progress) throws EditorException {
    try {
      List<String> problems = new ArrayList<>();
      for (PushResult result : git.push().setRemote("origin").setProgressMonitor(progress).call()) {
        for (RemoteRefUpdate update : result.getRemoteUpdates()) {
          switch (update.getStatus()) {
            case OK, UP_TO_DATE -> {}
            case REJECTED_NONFASTFORWARD ->
                problems.add(
                    "Someone pushed to "
                        + update.getRemoteName()
                        + " since you pulled; pull (which rebases your commits) and push again.");
            default ->
                problems.add(
                    update.getRemoteName()
                        + " was refused: "
                        + update.getStatus()
                        + (update.getMessage() == null ? "" : " (" + update.getMessage() + ")"));
          }
        }
      }
      if (!problems.isEmpty()) {
        throw new EditorException(String.join(" ", problems));
      }
      return "Pushed to origin.";
    } catch (GitAPIException e) {
      throw new EditorException("Cannot push: " + e.getMessage(), e);
    }
  }

  /** Pulls with rebase; on a conflict, undoes the rebase and names the files in a sentence. */
  public String pull(ProgressMonitor progress) throws EditorException {
    try {
      PullResult result = git.pull().setRebase(true).setProgressMonitor(progress).call();
      RebaseResult rebase = result.getRebaseResult();
      if (rebase != null && !rebase.getStatus().isSuccessful()) {
        List<String> files = new ArrayList<>();
        if (rebase.getConflicts() != null) {
          files.addAll(rebase.getConflicts());
        }
        if (files.isEmpty()) {
          files.addAll(new java.util.TreeSet<>(git.status().call().getConflicting()));
        }
        git.rebase().setOperation(org.eclipse.jgit.api.RebaseCommand.Operation.ABORT).call();
        throw new EditorException(
            "Your commits and the ones on origin change the same lines in "
                + (files.isEmpty() ? "some files" : String.join(", ", files))
                + ". Nothing was changed here: edit those files to agree with origin's version"
                + " (see the diff), commit, and pull again.");
      }
      return result.isSuccessful() ? "Up to date with origin." : "Pull did not complete.";
    } catch (GitAPIException e) {
      throw new EditorException("Cannot pull: " + e.getMessage(), e);
    }
  }

  /** The id of HEAD. */
  public String head() throws EditorException {
    try {
      return git.getRepository().resolve("HEAD").name();
    } catch (IOException e) {
      throw new EditorException("Cannot read HEAD: " + e.getMessage(), e);
    }
  }

  private Path resolve(String file) throws EditorException {
    Path path = root.resolve(file).normalize();
    if (!path.startsWith(root) || path.startsWith(root.resolve(".git"))) {
      throw new EditorException(file + " is outside the working copy");
    }
    return path;
  }

  /**
   * The file's real location, every link resolved (for a new file, its directory's), when that is
   * inside the working copy and not in {@code .git}.
   */
  private Path confined(String file) throws EditorException {
    Path path = resolve(file);
    try {
      Path realRoot = root.toRealPath();
      Path real =
          Files.exists(path, LinkOption.NOFOLLOW_LINKS)
              ? path.toRealPath()
              : realParent(path).resolve(path.getFileName());
      if (!real.startsWith(realRoot) || real.startsWith(realRoot.resolve(".git"))) {
        throw new EditorException(
            file
                + " is a link to "
                + real
                + ", outside the working copy; the editor neither reads nor writes through it."
                + " Replace the link with the file itself and commit that.");
      }
      return real;
    } catch (IOException e) {
      throw new EditorException(
          "Cannot resolve " + file + " (" + e.getMessage() + "); a dangling link?", e);
    }
  }

  /** The real path of the nearest existing directory above a new file, with the rest appended. */
  private static Path realParent(Path path) throws IOException {
    Path existing = path.getParent();
    Path rest = Path.of("");
    while (existing != null && !Files.exists(existing, LinkOption.NOFOLLOW_LINKS)) {
      rest = existing.getFileName().resolve(rest);
      existing = existing.getParent();
    }
    if (existing == null) {
      throw new IOException("no directory above " + path);
    }
    return existing.toRealPath().resolve(rest);
  }

  private boolean insideOnDisk(Path file) {
    try {
      return file.toRealPath().startsWith(root.toRealPath());
    } catch (IOException e) {
      return false;
    }
  }

  @Override
  public void close() {
    git.close();
  }
}
