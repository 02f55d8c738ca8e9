package io.fleetgate.console.editor;

import atlantafx.base.theme.Styles;
import io.fleetgate.api.LocalFinding;
import java.time.Duration;
import java.util.List;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.fxmisc.flowless.VirtualizedScrollPane;
import org.fxmisc.richtext.CodeArea;
import org.fxmisc.richtext.LineNumberFactory;

/**
 * The config editor: files on the left; the YAML editor with highlighting, line numbers and the
 * lines that have findings marked; the findings of the file below it (click one to go to its line);
 * Save (Ctrl+S), Diff, Commit…, Push and Pull with progress.
 */
public final class EditorView extends BorderPane {

  private final CodeArea code = new CodeArea();

  public EditorView(EditorViewModel model) {
    setId("editor-view");
    setPadding(new Insets(12));
    getStylesheets()
        .add(EditorView.class.getResource("/io/fleetgate/console/editor.css").toExternalForm());

    javafx.scene.control.TreeView<FileNode> files = new javafx.scene.control.TreeView<>();
    files.setId("editor-files");
    files.setShowRoot(false);
    files.setPrefWidth(280);
    files.setCellFactory(
        tree ->
            new javafx.scene.control.TreeCell<>() {
              @Override
              protected void updateItem(FileNode node, boolean empty) {
                super.updateItem(node, empty);
                setText(empty || node == null ? null : node.name());
              }
            });
    model
        .files()
        .addListener(
            (javafx.collections.ListChangeListener<String>)
                c -> files.setRoot(tree(model.files())));
    files.setRoot(tree(model.files()));
    files
        .getSelectionModel()
        .selectedItemProperty()
        .addListener(
            (obs, old, now) -> {
              if (now != null && now.getValue().file()) {
                model.select(now.getValue().path());
              }
            });

    code.setId("editor-code");
    code.setParagraphGraphicFactory(LineNumberFactory.get(code));
    model
        .textProperty()
        .addListener(
            (obs, old, now) -> {
              if (!now.equals(code.getText())) {
                code.replaceText(now);
              }
            });
    code.textProperty()
        .addListener(
            (obs, old, now) -> {
              model.textProperty().set(now);
              code.setStyleSpans(0, YamlHighlighting.of(now));
            });
    // Check once typing pauses, not on every key.
    code.multiPlainChanges()
        .successionEnds(Duration.ofMillis(300))
        .subscribe(ignore -> model.check());
    model
        .findings()
        .addListener(
            (javafx.collections.ListChangeListener<LocalFinding>) c -> mark(model.findings()));

    ListView<LocalFinding> findings = new ListView<>(model.findings());
    findings.setId("editor-findings");
    findings.setPrefHeight(110);
    findings.setPlaceholder(new Label("No findings in this file."));
    findings.setCellFactory(list -> new FindingCell());
    findings
        .getSelectionModel()
        .selectedItemProperty()
        .addListener(
            (obs, old, now) -> {
              if (now != null && now.line() > 0 && now.line() <= code.getParagraphs().size()) {
                code.moveTo(now.line() - 1, 0);
                code.requestFollowCaret();
                code.requestFocus();
              }
            });

    Button save = button("Save", "editor-save", e -> model.save());
    Button diff = button("Diff", "editor-diff", e -> model.showDiff());
    Button commit = button("Commit…", "editor-commit", e -> commitDialog(model));
    Button push = button("Push", "editor-push", e -> model.push());
    Button pull = button("Pull", "editor-pull", e -> model.pull());
    for (Button b : List.of(save, diff, commit, push, pull)) {
      b.disableProperty().bind(model.busyProperty());
    }
    Button cancel = button("Cancel", "editor-cancel", e -> model.cancel());
    cancel.visibleProperty().bind(model.busyProperty());
    cancel.managedProperty().bind(cancel.visibleProperty());
    ProgressBar progress = new ProgressBar();
    progress.setId("editor-progress");
    progress.progressProperty().bind(model.progressProperty());
    progress.visibleProperty().bind(model.busyProperty());
    Label status = new Label();
    status.setId("editor-status");
    status.getStyleClass().add(Styles.TEXT_MUTED);
    status.textProperty().bind(model.statusProperty());
    Label file = new Label();
    file.setId("editor-file");
    file.getStyleClass().add(Styles.TEXT_BOLD);
    file.textProperty()
        .bind(
            Bindings.when(model.fileProperty().isEmpty())
                .then("Choose a file")
                .otherwise(model.fileProperty()));
    for (Button b : List.of(save, diff, commit, push, pull)) {
      b.setMinWidth(Region.USE_PREF_SIZE);
    }
    Region spacer = new Region();
    HBox.setHgrow(spacer, Priority.ALWAYS);
    HBox buttons = new HBox(8, status, spacer, progress, cancel, save, diff, commit, push, pull);
    buttons.setAlignment(Pos.CENTER_LEFT);
    VBox toolbar = new VBox(4, file, buttons);
    toolbar.setPadding(new Insets(0, 0, 8, 0));

    Label message = new Label();
    message.setId("editor-message");
    message.setWrapText(true);
    message.textProperty().bind(model.messageProperty());

    TextArea changes = new TextArea();
    changes.setId("editor-diff-text");
    changes.setEditable(false);
    changes.getStyleClass().add("code-area");
    changes.textProperty().bind(model.diffProperty());
    changes.visibleProperty().bind(model.diffProperty().isNotEmpty());
    changes.managedProperty().bind(changes.visibleProperty());
    changes.setPrefRowCount(6);

    VBox editor =
        new VBox(6, toolbar, new VirtualizedScrollPane<>(code), findings, changes, message);
    VBox.setVgrow(editor.getChildren().get(1), Priority.ALWAYS);
    SplitPane split = new SplitPane(files, editor);
    split.setOrientation(Orientation.HORIZONTAL);
    split.setDividerPositions(0.26);
    setCenter(split);

    setOnKeyPressed(
        event -> {
          if (new KeyCodeCombination(KeyCode.S, KeyCombination.SHORTCUT_DOWN).match(event)) {
            model.save();
            event.consume();
          }
        });
  }

  /** A directory or file of the working copy in the tree. */
  public record FileNode(String name, String path, boolean file) {}

  /** The working copy's files as a tree of directories, directories expanded. */
  static javafx.scene.control.TreeItem<FileNode> tree(List<String> paths) {
    javafx.scene.control.TreeItem<FileNode> root =
        new javafx.scene.control.TreeItem<>(new FileNode("", "", false));
    java.util.Map<String, javafx.scene.control.TreeItem<FileNode>> dirs = new java.util.HashMap<>();
    dirs.put("", root);
    for (String path : paths) {
      String[] parts = path.split("/");
      String prefix = "";
      javafx.scene.control.TreeItem<FileNode> parent = root;
      for (int i = 0; i < parts.length - 1; i++) {
        String dir = prefix.isEmpty() ? parts[i] : prefix + "/" + parts[i];
        javafx.scene.control.TreeItem<FileNode> owner = parent;
        String name = parts[i];
        parent =
            dirs.computeIfAbsent(
                dir,
                d -> {
                  var item = new javafx.scene.control.TreeItem<>(new FileNode(name, d, false));
                  item.setExpanded(true);
                  owner.getChildren().add(item);
                  return item;
                });
        prefix = dir;
      }
      parent
          .getChildren()
          .add(
              new javafx.scene.control.TreeItem<>(
                  new FileNode(parts[parts.length - 1], path, true)));
    }
    return root;
  }

  /** Marks the lines that have findings, red for denials, yellow for the rest. */
  private void mark(List<LocalFinding> findings) {
    for (int line = 0; line < code.getParagraphs().size(); line++) {
      code.setParagraphStyle(line, List.of());
    }
    for (LocalFinding f : findings) {
      if (f.line() > 0 && f.line() <= code.getParagraphs().size()) {
        code.setParagraphStyle(
            f.line() - 1, List.of(EditorViewModel.blocking(f) ? "finding-deny" : "finding-warn"));
      }
    }
  }

  private static void commitDialog(EditorViewModel model) {
    Dialog<ButtonType> dialog = new Dialog<>();
    dialog.setTitle("Commit");
    var author = model.author();
    TextField message = new TextField();
    message.setId("commit-message");
    message.setPromptText("What changed and why");
    CheckBox signOff =
        new CheckBox(
            "Add Signed-off-by: " + author.getName() + " <" + author.getEmailAddress() + ">");
    signOff.setSelected(true);
    CheckBox sign = new CheckBox("Sign the commit with your Git signing key");
    sign.setSelected(model.signsByDefault());
    dialog
        .getDialogPane()
        .setContent(
            new VBox(
                8,
                new Label("Author: " + author.getName() + " <" + author.getEmailAddress() + ">"),
                message,
                signOff,
                sign));
    dialog.getDialogPane().getButtonTypes().addAll(ButtonType.OK, ButtonType.CANCEL);
    dialog
        .showAndWait()
        .filter(ButtonType.OK::equals)
        .ifPresent(ok -> model.commit(message.getText(), signOff.isSelected(), sign.isSelected()));
  }

  private static Button button(
      String text, String id, javafx.event.EventHandler<javafx.event.ActionEvent> action) {
    Button button = new Button(text);
    button.setId(id);
    button.setOnAction(action);
    return button;
  }

  /** A finding as "line 12 · DENY privileged_containers: message". */
  private static final class FindingCell extends ListCell<LocalFinding> {
    @Override
    protected void updateItem(LocalFinding f, boolean empty) {
      super.updateItem(f, empty);
      if (empty || f == null) {
        setText(null);
        setStyle(null);
        return;
      }
      setText(
          "line "
              + f.line()
              + " · "
              + f.level().toUpperCase(java.util.Locale.ROOT)
              + (f.policy().isEmpty() ? "" : " " + f.policy())
              + ": "
              + f.message()
              + (f.controls().isEmpty() ? "" : " [" + String.join(", ", f.controls()) + "]"));
      setStyle(EditorViewModel.blocking(f) ? "-fx-text-fill: -color-danger-fg;" : null);
    }
  }
}
