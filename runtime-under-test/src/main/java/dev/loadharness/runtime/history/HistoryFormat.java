package dev.loadharness.runtime.history;

/** The encodings a history file can have; gzip is detected separately and may wrap either. */
public enum HistoryFormat {
  /** proto3 JSON, as written by {@code temporal workflow show --output json} or the SDK's toJson. */
  JSON,
  /** A serialized {@code io.temporal.api.history.v1.History} message. */
  PROTOBUF
}
