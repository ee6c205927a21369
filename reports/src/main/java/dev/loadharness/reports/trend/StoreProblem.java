package dev.loadharness.reports.trend;

import java.nio.file.Path;

/**
 * A file in the trend store that could not be read; it is skipped and reported, the rest still renders.
 *
 * @param file the file
 * @param message what is wrong with it
 */
public record StoreProblem(Path file, String message) {}
