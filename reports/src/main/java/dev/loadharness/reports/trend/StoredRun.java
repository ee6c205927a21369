package dev.loadharness.reports.trend;

import dev.loadharness.reports.record.RunRecord;
import java.nio.file.Path;

/**
 * A run in the trend store.
 *
 * @param key its comparability key
 * @param dir its directory in the store (holds run.json and report.html)
 * @param record the run record
 */
public record StoredRun(TrendKey key, Path dir, RunRecord record) {}
