package io.fleetgate.console.editor;

/** Something the editor could not do; the message is a sentence for the window. */
public final class EditorException extends Exception {

  public EditorException(String message) {
    super(message);
  }

  public EditorException(String message, Throwable cause) {
    super(message, cause);
  }
}
