package dev.loadharness.reports.jmh;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.loadharness.reports.record.RunRecordException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/** Reads JMH's JSON result format ({@code -rf json}): a list of benchmark results in camelCase. */
public final class JmhResults {

  private static final ObjectMapper MAPPER = JsonMapper.builder()
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .build();

  private JmhResults() {}

  /**
   * Reads every result in a JMH JSON file.
   *
   * @throws RunRecordException naming the file and cause when missing, truncated or not a JMH result list
   */
  public static List<JmhResult> read(Path file) {
    try {
      return parse(file, Files.readString(file));
    } catch (NoSuchFileException e) {
      throw new RunRecordException(file, "no such file", e);
    } catch (IOException e) {
      throw new RunRecordException(file, "cannot read: " + e, e);
    }
  }

  /** Parses JMH JSON text; {@code source} names the origin in error messages. */
  public static List<JmhResult> parse(Path source, String json) {
    try {
      List<JmhResult> results = MAPPER.readValue(json, new TypeReference<List<JmhResult>>() {});
      if (results == null) {
        throw new RunRecordException(source, "empty file; expected a JMH -rf json result list", null);
      }
      return List.copyOf(results);
    } catch (JsonProcessingException e) {
      throw new RunRecordException(source, "not a JMH JSON result list (truncated or wrong format?): "
          + e.getOriginalMessage(), e);
    }
  }

  /** Serialises results back to JMH's JSON shape (for the trend store). */
  public static String toJson(List<JmhResult> results) {
    try {
      return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(results);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise JMH results: " + e.getMessage(), e);
    }
  }
}
