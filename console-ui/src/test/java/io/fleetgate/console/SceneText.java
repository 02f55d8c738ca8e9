package io.fleetgate.console;

import java.util.ArrayList;
import java.util.List;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Control;
import javafx.scene.control.Labeled;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextInputControl;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeTableColumn;
import javafx.scene.control.TreeTableView;
import javafx.scene.text.Text;
import javafx.scene.web.WebView;

/**
 * Every piece of text a scene holds: each text node, label, text field and tooltip, every cell
 * value and item of every table (rows scrolled out of sight included), and the document of every
 * web view. Call on the FX thread.
 */
final class SceneText {

  private SceneText() {}

  static List<String> of(Node root) {
    List<String> texts = new ArrayList<>();
    collect(root, texts);
    return texts;
  }

  private static void collect(Node node, List<String> texts) {
    switch (node) {
      case Text text -> texts.add(text.getText());
      case Labeled labeled -> texts.add(labeled.getText());
      case TextInputControl input -> texts.add(input.getText());
      case WebView web ->
          texts.add(
              String.valueOf(
                  web.getEngine()
                      .executeScript(
                          "document.documentElement ? document.documentElement.outerHTML : ''")));
      default -> {}
    }
    if (node instanceof Control control && control.getTooltip() != null) {
      texts.add(control.getTooltip().getText());
    }
    if (node instanceof TableView<?> table) {
      table(table, texts);
    }
    if (node instanceof TreeTableView<?> tree) {
      treeTable(tree, texts);
    }
    if (node instanceof Parent parent) {
      for (Node child : parent.getChildrenUnmodifiable()) {
        collect(child, texts);
      }
    }
  }

  private static <T> void table(TableView<T> table, List<String> texts) {
    for (T item : table.getItems()) {
      texts.add(String.valueOf(item));
      for (TableColumn<T, ?> column : table.getColumns()) {
        texts.add(String.valueOf(column.getCellData(item)));
      }
    }
  }

  private static <T> void treeTable(TreeTableView<T> tree, List<String> texts) {
    if (tree.getRoot() != null) {
      treeTable(tree, tree.getRoot(), texts);
    }
  }

  private static <T> void treeTable(TreeTableView<T> tree, TreeItem<T> item, List<String> texts) {
    texts.add(String.valueOf(item.getValue()));
    for (TreeTableColumn<T, ?> column : tree.getColumns()) {
      texts.add(String.valueOf(column.getCellData(item)));
    }
    for (TreeItem<T> child : item.getChildren()) {
      treeTable(tree, child, texts);
    }
  }
}
