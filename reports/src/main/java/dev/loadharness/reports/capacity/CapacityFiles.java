package dev.loadharness.reports.capacity;

import com.fasterxml.jackson.databind.JsonNode;
import dev.loadharness.reports.record.RunRecords;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** Writes a capacity search's three files into its directory (capacity.md, .json, .html) and reads the JSON back. */
public final class CapacityFiles {
  /** File name of the Markdown. */
  public static final String MARKDOWN = "capacity.md";
  /** File name of the machine-readable result. */
  public static final String JSON = "capacity.json";

  private CapacityFiles() {}

  /** Writes the three files and returns the Markdown it wrote. */
  public static String write(Path dir, CapacityReport report) throws IOException {
    String markdown = CapacityMarkdown.render(report);
    Files.createDirectories(dir);
    Files.writeString(dir.resolve(MARKDOWN), markdown);
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("kind", "capacity");
    json.put("exit_code", report.exitCode());
    json.put("capacity", report);
    Files.writeString(dir.resolve(JSON), RunRecords.mapper().writeValueAsString(json));
    Files.writeString(dir.resolve(CapacityPage.FILE_NAME), CapacityPage.render(report));
    return markdown;
  }

  /** Reads capacity.json from {@code dir}. */
  public static CapacityReport read(Path dir) throws IOException {
    JsonNode root = RunRecords.mapper().readTree(dir.resolve(JSON).toFile());
    if (!"capacity".equals(root.path("kind").asText())) {
      throw new IOException(dir.resolve(JSON) + ": kind must be \"capacity\", was \"" + root.path("kind").asText() + "\"");
    }
    return RunRecords.mapper().treeToValue(root.get("capacity"), CapacityReport.class);
  }
}
