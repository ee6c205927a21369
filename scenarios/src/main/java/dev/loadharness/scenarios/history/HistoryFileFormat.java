package dev.loadharness.scenarios.history;

/** How the recorder writes a history. */
public enum HistoryFileFormat {
  /** The SDK's {@code WorkflowExecutionHistory.toJson(true)} (1.38: proto enum names, like the CLI). */
  SDK_JSON(".json"),
  /** The SDK's legacy JSON ({@code toJson(true, true)}): simplified enum names ("WorkflowExecutionStarted"). */
  SDK_LEGACY_JSON(".legacy.json"),
  /** The SDK's JSON, gzip-compressed. */
  SDK_JSON_GZIP(".json.gz"),
  /** A serialized protobuf {@code History}. */
  PROTOBUF(".binpb"),
  /** {@code temporal workflow show --output json}: proto enum names ("EVENT_TYPE_WORKFLOW_EXECUTION_STARTED"). */
  CLI_JSON(".cli.json");

  private final String extension;

  HistoryFileFormat(String extension) {
    this.extension = extension;
  }

  /** The file name extension, with its dot. */
  public String extension() {
    return extension;
  }
}
