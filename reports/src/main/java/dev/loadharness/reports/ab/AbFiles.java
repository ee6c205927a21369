package dev.loadharness.reports.ab;

import dev.loadharness.reports.record.RunRecords;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Writes a comparison's three files into its directory: comparison.md, comparison.json and comparison.html. */
public final class AbFiles {
  /** File name of the Markdown table. */
  public static final String MARKDOWN = "comparison.md";
  /** File name of the machine-readable comparison. */
  public static final String JSON = "comparison.json";

  private AbFiles() {}

  /** Writes the three files and returns the Markdown it wrote. */
  public static String write(Path dir, AbComparison comparison, List<AbRun> runs) throws IOException {
    String markdown = AbMarkdown.render(comparison, runs);
    Files.createDirectories(dir);
    Files.writeString(dir.resolve(MARKDOWN), markdown);
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("kind", "ab");
    json.put("exit_code", comparison.exitCode());
    json.put("comparison", comparison);
    json.put("runs", runs);
    Files.writeString(dir.resolve(JSON), RunRecords.mapper().writeValueAsString(json));
    Files.writeString(dir.resolve(AbPage.FILE_NAME), AbPage.render(comparison, runs));
    return markdown;
  }
}
