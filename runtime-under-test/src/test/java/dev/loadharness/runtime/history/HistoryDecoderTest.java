package dev.loadharness.runtime.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.temporal.api.history.v1.History;
import io.temporal.common.WorkflowExecutionHistory;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HistoryDecoderTest {

  static final Path FIXTURES = Paths.get("src/test/resources/histories");

  private final HistoryDecoder decoder = new HistoryDecoder();

  static byte[] bytes(String name) throws IOException {
    return Files.readAllBytes(FIXTURES.resolve(name));
  }

  private History decode(byte[] input) throws HistoryDecodeException {
    HistoryCollector c = new HistoryCollector(true);
    decoder.decode(new ByteArrayInputStream(input), c);
    return c.history();
  }

  private HistoryDecodeException failure(byte[] input) {
    try {
      decode(input);
    } catch (HistoryDecodeException e) {
      return e;
    }
    throw new AssertionError("decoding did not fail");
  }

  @ParameterizedTest
  @ValueSource(strings = {"greeting.json", "greeting.legacy.json", "greeting.cli.json", "greeting.json.gz", "greeting.binpb"})
  void everyFormatDecodesToWhatTheSdkParses(String name) throws Exception {
    History expected = WorkflowExecutionHistory.fromJson(Files.readString(FIXTURES.resolve("greeting.json"))).getHistory();

    History actual = decode(bytes(name));

    assertThat(actual.getEventsCount()).isEqualTo(22);
    assertThat(actual).isEqualTo(expected);
  }

  @Test
  void legacyEnumSpellingDecodesLikeTheSdk() throws Exception {
    String legacy = Files.readString(FIXTURES.resolve("greeting.legacy.json"));
    assertThat(legacy).contains("\"WorkflowExecutionStarted\"");

    assertThat(decode(legacy.getBytes(StandardCharsets.UTF_8)))
        .isEqualTo(WorkflowExecutionHistory.fromJson(legacy).getHistory());
  }

  @Test
  void bulkyHistoryMatchesSdk() throws Exception {
    String json = Files.readString(FIXTURES.resolve("bulky-small.json"));
    assertThat(decode(json.getBytes(StandardCharsets.UTF_8))).isEqualTo(WorkflowExecutionHistory.fromJson(json).getHistory());
  }

  @Test
  void gzipIsFoundByMagicBytesNotName() throws Exception {
    byte[] gz = bytes("greeting.json.gz");
    HistoryCollector c = new HistoryCollector(false);

    DecodeSummary s = decoder.decode(new ByteArrayInputStream(gz), c);

    assertThat(s.gzip()).isTrue();
    assertThat(s.format()).isEqualTo(HistoryFormat.JSON);
    assertThat(s.bytes()).isEqualTo(gz.length);
    assertThat(c.stats().events()).isEqualTo(22);
  }

  @Test
  void theCallersStreamIsReadToTheEndAndLeftOpen() throws Exception {
    byte[] json = (new String(bytes("greeting.json"), StandardCharsets.UTF_8) + "\n\n").getBytes(StandardCharsets.UTF_8);
    boolean[] closed = {false};
    InputStream in = new ByteArrayInputStream(json) {
      @Override
      public void close() {
        closed[0] = true;
      }
    };

    DecodeSummary s = decoder.decode(in, new HistoryCollector(false));

    assertThat(s.bytes()).isEqualTo(json.length);
    assertThat(closed[0]).as("closed by the decoder").isFalse();
  }

  @Test
  void protobufIsFoundByItsFirstEventTag() throws Exception {
    DecodeSummary s = decoder.decode(new ByteArrayInputStream(bytes("greeting.binpb")), new HistoryCollector(false));
    assertThat(s.format()).isEqualTo(HistoryFormat.PROTOBUF);
    assertThat(s.gzip()).isFalse();
  }

  @Test
  void gzippedProtobufDecodes() throws Exception {
    assertThat(decode(gzip(bytes("greeting.binpb"))).getEventsCount()).isEqualTo(22);
  }

  @Test
  void eventsAreHandedOnBeforeTheInputEnds() throws Exception {
    byte[] json = bytes("greeting.json");
    int cut = json.length / 2;
    List<Long> seen = new ArrayList<>();
    // The stream fails once half the input has been read: events from the first half must already be out.
    InputStream failing = new InputStream() {
      int pos;

      @Override
      public int read() throws IOException {
        if (pos >= cut) {
          throw new IOException("disk went away");
        }
        return json[pos++] & 0xff;
      }
    };

    assertThatThrownBy(() -> decoder.decode(failing, (i, e) -> seen.add(e.getEventId())))
        .isInstanceOf(HistoryDecodeException.class);
    assertThat(seen).isNotEmpty().startsWith(1L, 2L, 3L);
  }

  @Test
  void truncatedJsonNamesOffsetAndEvent() throws Exception {
    byte[] json = bytes("greeting.json");
    byte[] truncated = Arrays.copyOf(json, json.length * 2 / 3);

    HistoryDecodeException e = failure(truncated);

    assertThat(e.kind()).isEqualTo(HistoryDecodeException.Cause.TRUNCATED);
    assertThat(e.byteOffset()).isBetween((long) truncated.length - 1, (long) truncated.length);
    assertThat(e.eventIndex()).isBetween(5, 21);
    assertThat(e.getMessage()).startsWith("truncated at byte offset");
  }

  @Test
  void malformedJsonNamesOffset() throws Exception {
    String json = new String(bytes("greeting.json"), StandardCharsets.UTF_8);
    int at = json.indexOf("\"eventType\"", 200);
    String broken = json.substring(0, at) + "eventType: oops," + json.substring(at);

    HistoryDecodeException e = failure(broken.getBytes(StandardCharsets.UTF_8));

    assertThat(e.kind()).isEqualTo(HistoryDecodeException.Cause.MALFORMED);
    assertThat(e.byteOffset()).isBetween((long) at, (long) at + 2);
  }

  @Test
  void wrongValueTypeIsMalformedWithTheField() {
    String json = "{\"events\":[{\"eventId\":\"1\",\"eventTime\":\"yesterday\"}]}";

    HistoryDecodeException e = failure(json.getBytes(StandardCharsets.UTF_8));

    assertThat(e.kind()).isEqualTo(HistoryDecodeException.Cause.MALFORMED);
    assertThat(e.getMessage()).contains("eventTime").contains("yesterday");
  }

  @Test
  void corruptGzipIsReported() throws Exception {
    byte[] gz = bytes("greeting.json.gz").clone();
    for (int i = 20; i < 60; i++) {
      gz[i] = (byte) (gz[i] ^ 0x5a);
    }

    HistoryDecodeException e = failure(gz);

    assertThat(e.kind()).isEqualTo(HistoryDecodeException.Cause.CORRUPT_GZIP);
    assertThat(e.byteOffset()).isPositive();
    assertThat(e.getMessage()).contains("gzip data is corrupt");
  }

  @Test
  void truncatedGzipIsReported() throws Exception {
    byte[] gz = bytes("greeting.json.gz");

    HistoryDecodeException e = failure(Arrays.copyOf(gz, gz.length / 2));

    assertThat(e.kind()).isEqualTo(HistoryDecodeException.Cause.CORRUPT_GZIP);
    assertThat(e.getMessage()).contains("truncated");
  }

  @Test
  void truncatedProtobufIsReported() throws Exception {
    byte[] pb = bytes("greeting.binpb");

    HistoryDecodeException e = failure(Arrays.copyOf(pb, pb.length - 10));

    assertThat(e.kind()).isEqualTo(HistoryDecodeException.Cause.TRUNCATED);
    assertThat(e.eventIndex()).isEqualTo(21);
  }

  @Test
  void jsonWithoutEventsIsNotAHistory() {
    HistoryDecodeException e = failure("{\"workflows\": []}".getBytes(StandardCharsets.UTF_8));
    assertThat(e.kind()).isEqualTo(HistoryDecodeException.Cause.NOT_A_HISTORY);
    assertThat(e.getMessage()).contains("no \"events\" array");
  }

  @Test
  void textIsNotAHistory() {
    HistoryDecodeException e = failure("Temporal dev server log\n".getBytes(StandardCharsets.UTF_8));
    assertThat(e.kind()).isEqualTo(HistoryDecodeException.Cause.NOT_A_HISTORY);
    assertThat(e.getMessage()).contains("0x54");
  }

  @Test
  void emptyInputIsNotAHistory() {
    assertThat(failure(new byte[0]).getMessage()).contains("empty");
  }

  @Test
  void historyMustStartWithWorkflowStarted() {
    String json = "{\"events\":[{\"eventId\":\"1\",\"eventType\":\"EVENT_TYPE_TIMER_FIRED\"}]}";
    HistoryDecodeException e = failure(json.getBytes(StandardCharsets.UTF_8));
    assertThat(e.kind()).isEqualTo(HistoryDecodeException.Cause.NOT_A_HISTORY);
    assertThat(e.eventIndex()).isZero();
    assertThat(e.getMessage()).contains("EVENT_TYPE_TIMER_FIRED");
  }

  @Test
  void eventIdsMustBeConsecutive() throws Exception {
    String json = new String(bytes("greeting.json"), StandardCharsets.UTF_8).replace("\"eventId\": \"7\"", "\"eventId\": \"70\"");
    HistoryDecodeException e = failure(json.getBytes(StandardCharsets.UTF_8));
    assertThat(e.eventIndex()).isEqualTo(6);
    assertThat(e.getMessage()).contains("expected 7 but found 70");
  }

  @Test
  void unknownFieldsAndEnumValuesAreSkipped() throws Exception {
    String json = "{\"events\":[{\"eventId\":\"1\",\"eventType\":\"EVENT_TYPE_WORKFLOW_EXECUTION_STARTED\",\"newerField\":{\"a\":[1,2]},"
        + "\"workflowExecutionStartedEventAttributes\":{\"workflowType\":{\"name\":\"T\"},\"taskQueue\":{\"kind\":\"TASK_QUEUE_KIND_FROM_THE_FUTURE\"}}}]}";
    History h = decode(json.getBytes(StandardCharsets.UTF_8));
    assertThat(h.getEvents(0).getWorkflowExecutionStartedEventAttributes().getWorkflowType().getName()).isEqualTo("T");
  }

  @Test
  void statsSummariseTheHistory() throws Exception {
    HistoryCollector c = new HistoryCollector(false);
    decoder.decode(new ByteArrayInputStream(bytes("greeting.cli.json")), c);
    HistoryStats s = c.stats();
    assertThat(s.workflowType()).isEqualTo("FixtureGreeting");
    assertThat(s.byType().values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(22);
    assertThat(s.firstEventTime()).isPresent();
    assertThat(s.lastEventTime().get()).isAfterOrEqualTo(s.firstEventTime().get());
    assertThat(c.history().getEventsCount()).isZero();
  }

  @Test
  void theBuiltInWarmUpHistoryDecodes() {
    assertThat(HistoryDecoder.warmUp()).isEqualTo(1);
  }

  static byte[] gzip(byte[] data) throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(b)) {
      gz.write(data);
    }
    return b.toByteArray();
  }
}
