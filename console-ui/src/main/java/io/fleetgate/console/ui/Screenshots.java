package io.fleetgate.console.ui;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javafx.scene.Scene;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javax.imageio.ImageIO;

/** Saves what a scene shows as a PNG, for headless runs and screenshot tests. */
public final class Screenshots {

  private Screenshots() {}

  /** Renders the scene (call on the JavaFX application thread) and writes it to {@code file}. */
  public static Path save(Scene scene, Path file) throws IOException {
    return write(scene.snapshot(null), file);
  }

  /**
   * Renders one node at its whole size, scrolled out of view or not (call on the JavaFX application
   * thread), and writes it to {@code file}.
   */
  public static Path save(javafx.scene.Node node, Path file) throws IOException {
    return write(node.snapshot(null, null), file);
  }

  private static Path write(WritableImage image, Path file) throws IOException {
    int width = (int) image.getWidth();
    int height = (int) image.getHeight();
    int[] argb = new int[width * height];
    image
        .getPixelReader()
        .getPixels(0, 0, width, height, PixelFormat.getIntArgbInstance(), argb, 0, width);
    BufferedImage buffered = new BufferedImage(width, height, BufferedImage.TYPE_INT_ARGB);
    buffered.setRGB(0, 0, width, height, argb, 0, width);
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    if (!ImageIO.write(buffered, "png", file.toFile())) {
      throw new IOException("No PNG writer available");
    }
    return file;
  }
}
