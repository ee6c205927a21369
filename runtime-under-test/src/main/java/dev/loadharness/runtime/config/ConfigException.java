package dev.loadharness.runtime.config;

/** A setting with a value the runtime cannot use; the message names the setting, the value and what is allowed. */
public final class ConfigException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  /** A message of the form {@code VARIABLE: got 'value', allowed ...}. */
  public ConfigException(String variable, Object value, String allowed) {
    super(variable + ": got '" + value + "', allowed " + allowed);
  }

  /** A message about a combination of settings. */
  public ConfigException(String message) {
    super(message);
  }
}
