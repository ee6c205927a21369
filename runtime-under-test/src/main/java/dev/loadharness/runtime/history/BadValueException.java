package dev.loadharness.runtime.history;

import java.io.IOException;

/**
 * A well-formed JSON value that is wrong for its field (out of range, not base64, an impossible date).
 * The parser is still in step with the input after it, so an array of histories can go on with the next
 * history; a syntax error (Jackson's own exceptions) cannot.
 */
final class BadValueException extends IOException {

  private static final long serialVersionUID = 1L;

  BadValueException(String message) {
    super(message);
  }

  BadValueException(String message, Throwable cause) {
    super(message, cause);
  }
}
