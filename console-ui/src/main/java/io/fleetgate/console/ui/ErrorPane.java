package io.fleetgate.console.ui;

import atlantafx.base.theme.Styles;
import javafx.beans.binding.Bindings;
import javafx.beans.value.ObservableStringValue;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.control.TitledPane;
import javafx.scene.layout.VBox;

/**
 * An error as a sentence, with a collapsed "Details" expander holding the technical account (the
 * chain of causes) for whoever has to dig further. Hidden while the sentence is empty.
 */
public final class ErrorPane extends VBox {

  public ErrorPane(String id, ObservableStringValue sentence, ObservableStringValue details) {
    super(4);
    setId(id);
    Label text = new Label();
    text.setId(id + "-text");
    text.setWrapText(true);
    text.getStyleClass().add(Styles.DANGER);
    text.textProperty().bind(sentence);
    TextArea technical = new TextArea();
    technical.setEditable(false);
    technical.setWrapText(true);
    technical.setPrefRowCount(4);
    technical.textProperty().bind(details);
    TitledPane expander = new TitledPane("Details", technical);
    expander.setId(id + "-details");
    expander.setExpanded(false);
    expander.visibleProperty().bind(Bindings.isNotEmpty(details));
    expander.managedProperty().bind(expander.visibleProperty());
    getChildren().addAll(text, expander);
    visibleProperty().bind(Bindings.isNotEmpty(sentence));
    managedProperty().bind(visibleProperty());
  }

  /** The chain of causes of a failure, one per line, for the details expander. */
  public static String details(Throwable failure) {
    StringBuilder text = new StringBuilder();
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (!text.isEmpty()) {
        text.append("\ncaused by ");
      }
      text.append(t.getClass().getName()).append(": ").append(t.getMessage());
      if (t.getCause() == t) {
        break;
      }
    }
    return text.toString();
  }
}
