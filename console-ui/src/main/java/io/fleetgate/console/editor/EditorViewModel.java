package io.fleetgate.console.editor;

import io.fleetgate.api.LocalFinding;
import io.fleetgate.console.ui.UiThread;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.eclipse.jgit.lib.PersonIdent;

/**
 * State and commands of the config editor. {@link #check()} (the view calls it when typing pauses)
 * evaluates a scratch copy of the working copy holding the unsaved text in the background, so
 * findings follow the typing without touching the files; a newer check supersedes an older one. Git
 * work runs in the background too and reports progress; failures become sentences in {@link
 * #messageProperty()}.
 */
public final class EditorViewModel {

  private final Workspace workspace;
  private final LocalChecker checker;
  private final UiThread threads;
  private final Path scratch;
  private final ObservableList<String> files = FXCollections.observableArrayList();
  private final ObservableList<LocalFinding> fileFindings = FXCollections.observableArrayList();
  private final StringProperty file = new SimpleStringProperty("");
  private final StringProperty text = new SimpleStringProperty("");
  private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("");
  private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
  private final ReadOnlyStringWrapper diff = new ReadOnlyStringWrapper("");
  private final BooleanProperty busy = new SimpleBooleanProperty(false);
  private final DoubleProperty progress = new SimpleDoubleProperty(0);
  private final AtomicLong generation = new AtomicLong();
  private volatile boolean cancelled;

  private final Runnable afterPush;

  /**
   * @param afterPush runs after a successful push, in the background (the console asks the platform
   *     to sync now)
   */
  public EditorViewModel(
      Workspace workspace, LocalChecker checker, UiThread threads, Runnable afterPush)
      throws IOException {
    this.afterPush = afterPush;
    this.workspace = workspace;
    this.checker = checker;
    this.threads = threads;
    this.scratch = Files.createTempDirectory("fleetgate-editor-");
  }

  /** Lists the files and checks the working copy as it is. */
  public CompletableFuture<Void> open() {
    return run(
        () -> {
          copyToScratch();
          return workspace.files();
        },
        listed -> {
          files.setAll(listed);
          check();
        });
  }

  /** Loads a file into the editor. */
  public CompletableFuture<Void> select(String path) {
    return run(
        () -> workspace.read(path),
        content -> {
          file.set(path);
          text.set(content);
          check();
        });
  }

  /** Checks the current text (as if saved) in the background; the latest edit wins. */
  public CompletableFuture<Void> check() {
    long mine = generation.incrementAndGet();
    String path = file.get();
    String content = text.get();
    status.set("Checking…");
    return CompletableFuture.supplyAsync(
            () -> {
              try {
                if (!path.isEmpty()) {
                  Path target = scratch.resolve(path);
                  Files.createDirectories(target.getParent());
                  Files.writeString(target, content);
                }
                return checker.check(scratch);
              } catch (Exception e) {
                throw new java.util.concurrent.CompletionException(e);
              }
            },
            threads.background())
        .handleAsync(
            (findings, failure) -> {
              if (mine != generation.get()) {
                return null;
              }
              if (failure != null) {
                Throwable cause = failure.getCause() == null ? failure : failure.getCause();
                status.set("The check failed: " + cause.getMessage());
                return null;
              }
              fileFindings.setAll(
                  findings.stream()
                      .filter(f -> f.path().equals(path))
                      .sorted(Comparator.comparingInt(LocalFinding::line))
                      .toList());
              long denials = findings.stream().filter(f -> blocking(f)).count();
              status.set(
                  denials == 0
                      ? "No denials in the repository · " + findings.size() + " finding(s) in all"
                      : denials
                          + " denial(s) in the repository, "
                          + fileFindings.stream().filter(EditorViewModel::blocking).count()
                          + " in this file");
              return null;
            },
            threads.ui());
  }

  /** True for findings that would stop a sync: denials and files that do not render. */
  public static boolean blocking(LocalFinding finding) {
    return finding.level().equals("deny") || finding.level().equals("invalid");
  }

  public CompletableFuture<Void> save() {
    String path = file.get();
    String content = text.get();
    return run(
        () -> {
          workspace.write(path, content);
          return workspace.diff();
        },
        changes -> {
          diff.set(changes);
          message.set("Saved " + path + ".");
        });
  }

  /** Saves the file in the editor and shows every change in the working copy against HEAD. */
  public CompletableFuture<Void> showDiff() {
    String path = file.get();
    String content = text.get();
    return run(
        () -> {
          if (!path.isEmpty()) {
            workspace.write(path, content);
          }
          return workspace.diff();
        },
        changes -> diff.set(changes.isEmpty() ? "No changes against HEAD." : changes));
  }

  /** The author commits are made as, from the Git configuration. */
  public PersonIdent author() {
    return workspace.author();
  }

  /** Saves, then commits everything with the message (and a sign-off line when asked). */
  public CompletableFuture<Void> commit(String commitMessage, boolean signOff) {
    return commit(commitMessage, signOff, false);
  }

  /** Whether the working copy's Git configuration asks for signed commits. */
  public boolean signsByDefault() {
    return workspace.signsByDefault();
  }

  /**
   * Saves, then commits everything with the message, a sign-off line when asked, and signed with
   * the Git configuration's signing key when asked.
   */
  public CompletableFuture<Void> commit(String commitMessage, boolean signOff, boolean sign) {
    String path = file.get();
    String content = text.get();
    return run(
        () -> {
          if (!path.isEmpty()) {
            workspace.write(path, content);
          }
          return workspace.commit(commitMessage, workspace.author(), signOff, sign);
        },
        id -> message.set("Committed " + id.substring(0, 12) + "."));
  }

  /** Pushes, then asks the platform to sync the pushed commit now. */
  public CompletableFuture<Void> push() {
    return run(
        () -> {
          String pushed = workspace.push(monitor());
          try {
            afterPush.run();
            return pushed + " The platform is syncing it now.";
          } catch (RuntimeException e) {
            return pushed + " The platform will sync it at its next poll (" + e.getMessage() + ").";
          }
        },
        message::set);
  }

  public CompletableFuture<Void> pull() {
    return run(
        () -> {
          String result = workspace.pull(monitor());
          copyToScratch();
          return result;
        },
        result -> {
          message.set(result);
          if (!file.get().isEmpty()) {
            select(file.get());
          }
        });
  }

  /** Stops a push or pull in progress at its next step; the repository is left as it was. */
  public void cancel() {
    cancelled = true;
  }

  private org.eclipse.jgit.lib.ProgressMonitor monitor() {
    return new org.eclipse.jgit.lib.BatchingProgressMonitor() {
      @Override
      public boolean isCancelled() {
        return cancelled;
      }

      @Override
      protected void onUpdate(String taskName, int workCurr, java.time.Duration duration) {
        threads.ui().execute(() -> status.set(taskName + " " + workCurr));
      }

      @Override
      protected void onEndTask(String taskName, int workCurr, java.time.Duration duration) {}

      @Override
      protected void onUpdate(
          String taskName, int workCurr, int workTotal, int percentDone, java.time.Duration d) {
        threads
            .ui()
            .execute(
                () -> {
                  progress.set(percentDone / 100.0);
                  status.set(taskName + " " + percentDone + " %");
                });
      }

      @Override
      protected void onEndTask(
          String taskName, int workCurr, int workTotal, int percentDone, java.time.Duration d) {}
    };
  }

  private void copyToScratch() throws IOException {
    try (Stream<Path> walk = Files.walk(workspace.root())) {
      for (Path source : walk.sorted().toList()) {
        Path relative = workspace.root().relativize(source);
        if (relative.startsWith(".git")) {
          continue;
        }
        Path target = scratch.resolve(relative.toString());
        // Links are copied as links, never followed: a link out of the repository stays one (and
        // the checker refuses it), so nothing outside the working copy is read into the scratch.
        if (Files.isDirectory(source, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
          Files.createDirectories(target);
        } else {
          Files.deleteIfExists(target);
          Files.copy(
              source,
              target,
              java.nio.file.StandardCopyOption.REPLACE_EXISTING,
              java.nio.file.LinkOption.NOFOLLOW_LINKS);
        }
      }
    }
  }

  /** Background work that may fail with a sentence. */
  @FunctionalInterface
  private interface Work<T> {
    T run() throws Exception;
  }

  private <T> CompletableFuture<Void> run(Work<T> work, java.util.function.Consumer<T> then) {
    cancelled = false;
    busy.set(true);
    progress.set(-1);
    return CompletableFuture.supplyAsync(
            () -> {
              try {
                return work.run();
              } catch (Exception e) {
                throw new java.util.concurrent.CompletionException(e);
              }
            },
            threads.background())
        .handleAsync(
            (result, failure) -> {
              busy.set(false);
              progress.set(0);
              if (failure != null) {
                Throwable cause = failure.getCause() == null ? failure : failure.getCause();
                message.set(
                    cancelled ? "Cancelled; nothing was changed on origin." : cause.getMessage());
              } else {
                then.accept(result);
              }
              return null;
            },
            threads.ui());
  }

  public ObservableList<String> files() {
    return files;
  }

  /** The findings of the file in the editor, by line. */
  public ObservableList<LocalFinding> findings() {
    return fileFindings;
  }

  public StringProperty textProperty() {
    return text;
  }

  public StringProperty fileProperty() {
    return file;
  }

  public ReadOnlyStringProperty statusProperty() {
    return status.getReadOnlyProperty();
  }

  /** The outcome of the last command, as a sentence. */
  public ReadOnlyStringProperty messageProperty() {
    return message.getReadOnlyProperty();
  }

  public ReadOnlyStringProperty diffProperty() {
    return diff.getReadOnlyProperty();
  }

  public BooleanProperty busyProperty() {
    return busy;
  }

  public DoubleProperty progressProperty() {
    return progress;
  }
}
