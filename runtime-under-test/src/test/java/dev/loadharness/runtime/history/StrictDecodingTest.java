package dev.loadharness.runtime.history;

import static dev.loadharness.runtime.history.HistoryDecoderTest.bytes;
import static org.assertj.core.api.Assertions.assertThat;

import io.temporal.api.history.v1.History;
import io.temporal.api.history.v1.HistoryEvent;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What the decoder accepts because the SDKs do, and what it refuses instead of guessing. */
class StrictDecodingTest {

  private final HistoryDecoder decoder = new HistoryDecoder();

  private static String greeting() throws Exception {
    return new String(bytes("greeting.json"), StandardCharsets.UTF_8);
  }

  private History decode(String json) throws HistoryDecodeException {
    HistoryCollector c = new HistoryCollector(true);
    decoder.decode(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), c);
    return c.history();
  }

  private HistoryDecodeException failure(String json) {
    try {
      decode(json);
    } catch (HistoryDecodeException e) {
      return e;
    }
    throw new AssertionError("decoding did not fail");
  }

  @Test
  void urlSafeAndUnpaddedBase64DecodeLikeStandard() throws Exception {
    // "Hello, Ada!" with '?' characters so that the standard encoding has '+' and '/'.
    String standard = java.util.Base64.getEncoder().encodeToString("\"Hello?>?>\"".getBytes(StandardCharsets.UTF_8));
    assertThat(standard).containsAnyOf("+", "/");
    String urlSafe = standard.replace('+', '-').replace('/', '_');
    String unpadded = standard.replace("=", "");
    String json = greeting();
    History expected = decode(json.replace("IkFkYSI\\u003d", standard));

    assertThat(decode(json.replace("IkFkYSI\\u003d", urlSafe))).isEqualTo(expected);
    assertThat(decode(json.replace("IkFkYSI\\u003d", unpadded))).isEqualTo(expected);
    assertThat(decode(json.replace("IkFkYSI\\u003d", standard.substring(0, 4) + "\\r\\n" + standard.substring(4))))
        .as("CR/LF inside base64, as Go's decoder skips them").isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "hello world | ' ' at position 5 is not in the standard or URL-safe base64 alphabet",
      "ab+c-w== | mixes the URL-safe",
      "IkFkYSI=x | data after the '=' padding",
      "IkFkY | lone 6-bit group",
      "IkFkYSI=== | 3 '=' of padding where 1 belong"})
  void base64TheSdksRefuseIsAnErrorWithTheFieldAndPosition(String data, String why) throws Exception {
    HistoryDecodeException e = failure(greeting().replaceFirst("IkFkYSI\\\\u003d", data));

    assertThat(e.kind()).isEqualTo(HistoryDecodeException.Cause.MALFORMED);
    assertThat(e.eventIndex()).isZero();
    assertThat(e.byteOffset()).isBetween(400L, 800L);
    assertThat(e.getMessage()).contains("field \"data\"").contains("not base64").contains(why);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "\"eventId\": \"7\" | \"eventId\": \"12345678901234567890\" | out of range for int64",
      "\"eventId\": \"7\" | \"eventId\": \"9223372036854775808\" | out of range for int64",
      "\"eventId\": \"7\" | \"eventId\": \"\" | is not an integer",
      "\"eventId\": \"7\" | \"eventId\": 7.5 | has a fraction",
      "\"attempt\": 1 | \"attempt\": 4294967296 | out of range for int32",
      "\"eventTime\": \"2026-11-23T03:17:38.003392736Z\" | \"eventTime\": \"2026-13-45T99:99:99Z\" | month 13 is not in 1..12",
      "\"eventTime\": \"2026-11-23T03:17:38.003392736Z\" | \"eventTime\": \"2026-02-29T00:00:00Z\" | day 29 is not in 1..28",
      "\"eventTime\": \"2026-11-23T03:17:38.003392736Z\" | \"eventTime\": \"2026-11-23T24:00:00Z\" | hour 24",
      "\"startToCloseTimeout\": \"10s\" | \"startToCloseTimeout\": \"99999999999999s\" | 10,000 years"})
  void numbersAndTimesOutsideTheirTypeAreErrors(String from, String to, String why) throws Exception {
    String json = greeting();
    int at = json.lastIndexOf(from);
    assertThat(at).as(from).isPositive();

    HistoryDecodeException e = failure(json.substring(0, at) + to + json.substring(at + from.length()));

    assertThat(e.kind()).isEqualTo(HistoryDecodeException.Cause.MALFORMED);
    assertThat(e.getMessage()).contains(why);
    assertThat(e.byteOffset()).isBetween((long) at, (long) at + to.length() + 2);
    assertThat(e.eventIndex()).isNotNegative();
  }

  @Test
  void nonNumericDoubleIsAnError() {
    String json = "{\"events\":[{\"eventId\":\"1\",\"eventType\":\"EVENT_TYPE_WORKFLOW_EXECUTION_STARTED\","
        + "\"workflowExecutionStartedEventAttributes\":{\"retryPolicy\":{\"backoffCoefficient\":\"fast\"}}}]}";

    HistoryDecodeException e = failure(json);

    assertThat(e.getMessage()).contains("field \"backoffCoefficient\"").contains("\"fast\" is not a number");
    assertThat(e.eventIndex()).isZero();
  }

  @Test
  void trailingContentIsAnErrorAtItsOffset() throws Exception {
    String json = greeting().stripTrailing();

    HistoryDecodeException e = failure(json + "\n  garbage");

    assertThat(e.kind()).isEqualTo(HistoryDecodeException.Cause.MALFORMED);
    assertThat(e.getMessage()).contains("trailing content after the history");
    assertThat(e.byteOffset()).isBetween((long) json.length(), (long) json.length() + 10);
  }

  @Test
  void aSecondConcatenatedDocumentIsAnError() throws Exception {
    String json = greeting().stripTrailing();

    HistoryDecodeException e = failure(json + json);

    assertThat(e.getMessage()).contains("a second JSON document follows the history");
    assertThat(e.byteOffset()).isEqualTo(json.length());
  }

  @Test
  void anArrayOfHistoriesGivesEachItsOwnResultAndGoesOnAfterABadOne() throws Exception {
    String good = greeting().stripTrailing();
    String badIds = good.replace("\"eventId\": \"7\"", "\"eventId\": \"70\"");
    String badBase64 = good.replaceFirst("IkFkYSI\\\\u003d", "not base64!");
    String array = "[" + good + ",\n" + badIds + ",\n" + badBase64 + ",\n" + good + "]";
    List<String> seen = new ArrayList<>();

    DecodeSummary s = decoder.decodeAll(new ByteArrayInputStream(array.getBytes(StandardCharsets.UTF_8)),
        new HistoryHandler() {
          @Override
          public HistoryEventSink start(int index, boolean arrayOfHistories) {
            assertThat(arrayOfHistories).isTrue();
            return (i, e) -> { };
          }

          @Override
          public void completed(int index, int events) {
            seen.add(index + " ok " + events);
          }

          @Override
          public void rejected(int index, HistoryDecodeException why) {
            seen.add(index + " rejected " + why.getMessage());
          }
        });

    assertThat(s.histories()).isEqualTo(4);
    assertThat(s.arrayOfHistories()).isTrue();
    assertThat(seen).hasSize(4);
    assertThat(seen.get(0)).isEqualTo("0 ok 22");
    assertThat(seen.get(1)).startsWith("1 rejected").contains("expected 7 but found 70");
    assertThat(seen.get(2)).startsWith("2 rejected").contains("not base64");
    assertThat(seen.get(3)).isEqualTo("3 ok 22");
  }

  @Test
  void anArrayOfOneHistoryDecodesAsThatHistoryAndOfTwoIsRefusedByTheSingleHistoryCall() throws Exception {
    String good = greeting();

    assertThat(decode("[" + good + "]")).isEqualTo(decode(good));
    assertThat(failure("[" + good + "," + good + "]").getMessage()).contains("array of several histories");
  }

  @Test
  void protobufEventWithAnImpossibleTimeIsAnError() throws Exception {
    History h = decode(greeting());
    HistoryEvent bad = h.getEvents(3).toBuilder()
        .setEventTime(com.google.protobuf.Timestamp.newBuilder().setSeconds(Long.MAX_VALUE)).build();
    byte[] pb = h.toBuilder().setEvents(3, bad).build().toByteArray();
    HistoryCollector c = new HistoryCollector(false);

    try {
      decoder.decode(new ByteArrayInputStream(pb), c);
      throw new AssertionError("decoding did not fail");
    } catch (HistoryDecodeException e) {
      assertThat(e.eventIndex()).isEqualTo(3);
      assertThat(e.getMessage()).contains("impossible time");
    }
  }

  @Test
  void aPayloadBeyondJacksonsDefaultStringLimitStillDecodes() throws Exception {
    // 20,000,001 characters of base64: over Jackson's default 20,000,000 limit; whether the workflow's data
    // converter can read it is for the replay to report (REPLAY_FAILED with that root cause), not the decoder.
    char[] text = new char[20_000_004];
    java.util.Arrays.fill(text, 'A');
    History h = decode(greeting().replaceFirst("IkFkYSI\\\\u003d", new String(text)));

    assertThat(h.getEvents(0).getWorkflowExecutionStartedEventAttributes().getInput().getPayloads(0).getData().size())
        .isEqualTo(15_000_003);
  }
}
