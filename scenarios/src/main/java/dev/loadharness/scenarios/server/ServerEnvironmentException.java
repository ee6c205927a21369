package dev.loadharness.scenarios.server;

/** A server could not be started, reached or selected; the message says which, where and why. */
public class ServerEnvironmentException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public ServerEnvironmentException(String message) {
    super(message);
  }

  public ServerEnvironmentException(String message, Throwable cause) {
    super(message, cause);
  }
}
