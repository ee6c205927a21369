package dev.loadharness.reports.record;

/** A run record declares a schema version this code does not understand. */
public final class UnsupportedSchemaException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  /** The schema value found. */
  private final int found;

  /** Creates the error for the schema value found. */
  public UnsupportedSchemaException(int found) {
    super("unsupported run record schema " + found + "; this build reads schema " + RunRecord.SCHEMA);
    this.found = found;
  }

  /** The schema value found. */
  public int found() {
    return found;
  }
}
