/**
 * The config editor: the fleet repository's files, a YAML editor whose policy findings are
 * re-evaluated as you type (off the UI thread, with the platform's own Wasm bundle), the diff
 * against HEAD, commit with sign-off, push with progress, and pull with conflicts explained.
 */
package io.fleetgate.console.editor;
