package io.fleetgate.console;

import atlantafx.base.theme.Styles;
import io.fleetgate.console.fleet.FleetOverviewView;
import io.fleetgate.console.fleet.FleetOverviewViewModel;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

/** The console's main window content: a header naming the connection, and the fleet overview. */
public final class MainWindow extends BorderPane {

  public MainWindow(String connection, FleetOverviewViewModel fleet) {
    setId("main-window");
    Label title = new Label("Fleetgate");
    title.getStyleClass().add(Styles.TITLE_3);
    Label subtitle = new Label(connection);
    subtitle.setId("connection");
    subtitle.getStyleClass().add(Styles.TEXT_MUTED);
    VBox heading = new VBox(2, title, subtitle);
    HBox header = new HBox(heading);
    header.setAlignment(Pos.CENTER_LEFT);
    header.setPadding(new Insets(12, 16, 8, 16));
    header.getStyleClass().add("fleetgate-header");
    setTop(header);
    setCenter(new FleetOverviewView(fleet));
  }
}
