package dev.loadharness.reports.record;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Reads and writes run records (run.json) in schema 1: snake_case, ISO-8601 instants, unknown fields
 * ignored, an unknown {@code schema} rejected before any other field is interpreted.
 */
public final class RunRecords {

  /** Conventional file name of a run record inside its run directory. */
  public static final String FILE_NAME = "run.json";

  private static final ObjectMapper MAPPER = JsonMapper.builder()
      .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
      .addModule(new JavaTimeModule())
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
      .enable(SerializationFeature.INDENT_OUTPUT)
      .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
      .build();

  private RunRecords() {}

  /** The mapper configured for run records, for embedding records in other JSON. */
  public static ObjectMapper mapper() {
    return MAPPER;
  }

  /**
   * Reads a run record from a file or from a run directory containing {@value #FILE_NAME}.
   *
   * @throws RunRecordException naming the file and the cause when it is missing, truncated, not JSON,
   *     of an unknown schema or invalid
   */
  public static RunRecord read(Path path) {
    Path file = Files.isDirectory(path) ? path.resolve(FILE_NAME) : path;
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new RunRecordException(file, "no such file", e);
    } catch (IOException e) {
      throw new RunRecordException(file, "cannot read: " + e, e);
    }
    return parse(file, text);
  }

  /** Parses run record JSON; {@code source} names the origin in error messages. */
  public static RunRecord parse(Path source, String json) {
    JsonNode tree;
    try {
      tree = MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      throw new RunRecordException(source, "not valid JSON (truncated or corrupt?) at line "
          + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ": "
          + e.getOriginalMessage(), e);
    }
    if (tree == null || tree.isMissingNode()) {
      throw new RunRecordException(source, "empty file; a run record must be a JSON object", null);
    }
    if (!tree.isObject()) {
      throw new RunRecordException(source, "a run record must be a JSON object, found " + tree.getNodeType(), null);
    }
    JsonNode schema = tree.get("schema");
    if (schema == null || !schema.canConvertToExactIntegral()) {
      throw new RunRecordException(source, "field \"schema\" must be an integer (this build reads schema "
          + RunRecord.SCHEMA + "), was " + (schema == null ? "missing" : schema.toString()), null);
    }
    if (schema.asInt() != RunRecord.SCHEMA) {
      throw new RunRecordException(source, new UnsupportedSchemaException(schema.asInt()).getMessage(), null);
    }
    try {
      return MAPPER.treeToValue(tree, RunRecord.class);
    } catch (JsonProcessingException e) {
      Throwable root = e.getCause() instanceof IllegalArgumentException iae ? iae : e;
      String where = e instanceof com.fasterxml.jackson.databind.JsonMappingException m ? " at " + path(m) : "";
      String msg = root == e ? e.getOriginalMessage() : root.getMessage();
      throw new RunRecordException(source, "invalid run record" + where + ": " + msg, e);
    }
  }

  /** The JSON path of a mapping error, e.g. {@code thresholds[2].op}. */
  private static String path(com.fasterxml.jackson.databind.JsonMappingException e) {
    StringBuilder b = new StringBuilder();
    for (com.fasterxml.jackson.databind.JsonMappingException.Reference r : e.getPath()) {
      if (r.getFieldName() != null) {
        b.append(b.length() == 0 ? "" : ".").append(r.getFieldName());
      } else if (r.getIndex() >= 0) {
        b.append('[').append(r.getIndex()).append(']');
      }
    }
    return b.length() == 0 ? "top level" : b.toString();
  }

  /** Serialises a run record to JSON text. */
  public static String toJson(RunRecord record) {
    try {
      return MAPPER.writeValueAsString(record);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise run record " + record.runId() + ": " + e.getMessage(), e);
    }
  }

  /**
   * Writes a run record atomically (temp file, then move), so readers never see a truncated file.
   *
   * @param file the target, typically {@code <run-dir>/run.json}
   */
  public static void write(Path file, RunRecord record) {
    try {
      Path parent = file.toAbsolutePath().getParent();
      Files.createDirectories(parent);
      Path tmp = Files.createTempFile(parent, ".run-", ".json.tmp");
      Files.writeString(tmp, toJson(record) + "\n", StandardCharsets.UTF_8);
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new RunRecordException(file, "cannot write: " + e, e);
    }
  }
}
