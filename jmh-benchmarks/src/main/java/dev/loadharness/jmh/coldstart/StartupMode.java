package dev.loadharness.jmh.coldstart;

import java.util.Arrays;

/** How the worker process sets up its N workers. */
enum StartupMode {
  /** Plain SDK: one WorkflowServiceStubs and WorkerFactory per worker, connected lazily. */
  SDK_PER_WORKER("sdk-per-worker"),
  /** The runtime, one transport pool per worker, no pre-warm: what sharing and pre-warm are measured against. */
  RUNTIME_PER_WORKER("runtime-per-worker"),
  /** The runtime, one shared transport pool, pre-warmed while the workers register. */
  RUNTIME_SHARED_PREWARM("runtime-shared-prewarm");

  final String id;

  StartupMode(String id) {
    this.id = id;
  }

  static StartupMode of(String id) {
    return Arrays.stream(values()).filter(m -> m.id.equals(id)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("mode: got '" + id + "', allowed "
            + Arrays.stream(values()).map(m -> m.id).toList()));
  }
}
