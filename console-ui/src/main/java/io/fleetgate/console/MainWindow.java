package io.fleetgate.console;

import atlantafx.base.theme.Styles;
import io.fleetgate.console.activity.ActivityView;
import io.fleetgate.console.activity.ActivityViewModel;
import io.fleetgate.console.fleet.FleetOverviewView;
import io.fleetgate.console.fleet.FleetOverviewViewModel;
import io.fleetgate.console.policy.PolicyView;
import io.fleetgate.console.policy.PolicyViewModel;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

/**
 * The console's main window content: a header naming the connection, and the Fleet, Activity,
 * Policy, Reports, Config, Network, SLO and Rollouts tabs.
 */
public final class MainWindow extends BorderPane {

  /** The view models behind the tabs. */
  public record Models(
      FleetOverviewViewModel fleet,
      ActivityViewModel activity,
      PolicyViewModel policy,
      io.fleetgate.console.reports.ReportsViewModel reports,
      io.fleetgate.console.fleet.ClusterDetailViewModel cluster,
      io.fleetgate.console.network.NetworkViewModel network,
      io.fleetgate.console.slo.SloViewModel slos,
      io.fleetgate.console.rollout.RolloutViewModel rollouts) {}

  public MainWindow(String connection, Models models) {
    setId("main-window");
    Label title = new Label("Fleetgate");
    title.getStyleClass().add(Styles.TITLE_3);
    Label subtitle = new Label(connection);
    subtitle.setId("connection");
    subtitle.getStyleClass().add(Styles.TEXT_MUTED);
    VBox heading = new VBox(2, title, subtitle);
    Label keys = new Label("Ctrl+1–8 tabs · F5 refresh · Ctrl+S save · Ctrl+D dark theme");
    keys.getStyleClass().add(Styles.TEXT_MUTED);
    javafx.scene.control.ToggleButton dark = new javafx.scene.control.ToggleButton("Dark");
    dark.setId("theme-dark");
    dark.selectedProperty().bindBidirectional(darkTheme);
    keys.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
    dark.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
    heading.setMinWidth(0);
    HBox.setHgrow(heading, javafx.scene.layout.Priority.ALWAYS);
    javafx.scene.control.Button connect = new javafx.scene.control.Button("Connect…");
    connect.setId("connect");
    connect.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
    connect.setOnAction(e -> connectDialog());
    HBox header = new HBox(12, heading, keys, connect, dark);
    header.setAlignment(Pos.CENTER_LEFT);
    header.setPadding(new Insets(12, 16, 8, 16));
    header.getStyleClass().add("fleetgate-header");
    setTop(header);

    TabPane tabs = new TabPane();
    tabs.setId("tabs");
    tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
    Label opening = new Label("Opening a working copy of the fleet repository…");
    opening.setId("editor-placeholder");
    opening.setPadding(new Insets(16));
    editor = tab("tab-editor", "Config", opening);
    tabs.getTabs()
        .addAll(
            tab("tab-fleet", "Fleet", new FleetOverviewView(models.fleet(), models.cluster())),
            tab("tab-activity", "Activity", new ActivityView(models.activity())),
            tab("tab-policy", "Policy", new PolicyView(models.policy())),
            tab(
                "tab-reports",
                "Reports",
                new io.fleetgate.console.reports.ReportsView(models.reports())),
            editor,
            tab(
                "tab-network",
                "Network",
                new io.fleetgate.console.network.NetworkView(models.network(), darkTheme)),
            tab("tab-slo", "SLOs", new io.fleetgate.console.slo.SloView(models.slos(), darkTheme)));
    Tab rollouts =
        tab(
            "tab-rollouts",
            "Rollouts",
            new io.fleetgate.console.rollout.RolloutsView(models.rollouts(), darkTheme));
    // The board reads itself again every few seconds, but only while it is on screen.
    models.rollouts().activeProperty().bind(rollouts.selectedProperty());
    tabs.getTabs().add(rollouts);
    setCenter(tabs);
  }

  private final Tab editor;

  /** Whether the dark theme is on; the application applies it. */
  private final javafx.beans.property.BooleanProperty darkTheme =
      new javafx.beans.property.SimpleBooleanProperty(false);

  public javafx.beans.property.BooleanProperty darkThemeProperty() {
    return darkTheme;
  }

  /**
   * Asks for a platform URL and token and saves them (owner-readable only) for the next start; says
   * what was wrong when they cannot be saved.
   */
  private void connectDialog() {
    javafx.scene.control.Dialog<javafx.scene.control.ButtonType> dialog =
        new javafx.scene.control.Dialog<>();
    dialog.setTitle("Connect to a platform");
    javafx.scene.control.TextField url = new javafx.scene.control.TextField("https://");
    url.setPromptText("https://fleetgate.example.com:8742");
    javafx.scene.control.PasswordField token = new javafx.scene.control.PasswordField();
    token.setPromptText("fgt_… from 'fleetgate token create'");
    Label where =
        new Label(
            "Saved in "
                + ConnectionSettings.defaultFile()
                + " (readable by you only); used when"
                + " the console starts without arguments.");
    where.setWrapText(true);
    dialog.getDialogPane().setContent(new VBox(8, url, token, where));
    dialog
        .getDialogPane()
        .getButtonTypes()
        .addAll(javafx.scene.control.ButtonType.OK, javafx.scene.control.ButtonType.CANCEL);
    dialog
        .showAndWait()
        .filter(javafx.scene.control.ButtonType.OK::equals)
        .ifPresent(
            ok -> {
              try {
                new ConnectionSettings(url.getText().strip(), token.getText().strip())
                    .save(ConnectionSettings.defaultFile());
                new javafx.scene.control.Alert(
                        javafx.scene.control.Alert.AlertType.INFORMATION,
                        "Saved. The console connects to "
                            + url.getText().strip()
                            + " when it starts.")
                    .showAndWait();
              } catch (java.io.IOException | IllegalArgumentException e) {
                new javafx.scene.control.Alert(
                        javafx.scene.control.Alert.AlertType.ERROR, e.getMessage())
                    .showAndWait();
              }
            });
  }

  /** Selects the tab at an index (0-based), as the Ctrl+number shortcuts do. */
  public void selectTab(int index) {
    TabPane tabs = (TabPane) getCenter();
    if (index >= 0 && index < tabs.getTabs().size()) {
      tabs.getSelectionModel().select(index);
    }
  }

  /** Puts the editor in its tab once its working copy is open. */
  public void showEditor(io.fleetgate.console.editor.EditorViewModel model) {
    editor.setContent(new io.fleetgate.console.editor.EditorView(model));
  }

  /** Says in the editor tab why there is no editor. */
  public void editorUnavailable(String why) {
    Label label = new Label(why);
    label.setId("editor-placeholder");
    label.setWrapText(true);
    label.setPadding(new Insets(16));
    editor.setContent(label);
  }

  private static Tab tab(String id, String title, javafx.scene.Node content) {
    Tab tab = new Tab(title, content);
    tab.setId(id);
    return tab;
  }
}
