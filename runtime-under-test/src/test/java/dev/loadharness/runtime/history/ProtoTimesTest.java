package dev.loadharness.runtime.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.util.Durations;
import com.google.protobuf.util.Timestamps;
import java.io.IOException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ProtoTimesTest {

  @ParameterizedTest
  @ValueSource(strings = {"2026-11-23T03:07:25.328150710Z", "1970-01-01T00:00:00Z", "2000-02-29T23:59:59.5Z",
      "1969-12-31T23:59:59.999999999Z", "2024-03-01T12:00:00.123+02:00", "2024-03-01T12:00:00-05:30"})
  void timestampsMatchTheLibraryParser(String s) throws Exception {
    assertThat(ProtoTimes.parseTimestamp(s)).isEqualTo(Timestamps.parse(s));
  }

  @ParameterizedTest
  @ValueSource(strings = {"0s", "10s", "0.250s", "1.000000001s", "-3.5s", "315576000000s"})
  void durationsMatchTheLibraryParser(String s) throws Exception {
    assertThat(ProtoTimes.parseDuration(s)).isEqualTo(Durations.parse(s));
  }

  @ParameterizedTest
  @ValueSource(strings = {"2026-11-23", "2026-11-23T03:07:25", "2026-11-23T03:07:25.Z", "2026-11-23T03:07:25.1234567890Z", "yesterday",
      "2026-13-45T99:99:99Z", "2026-00-10T00:00:00Z", "2026-04-31T00:00:00Z", "2025-02-29T00:00:00Z", "2026-01-01T00:60:00Z",
      "2026-01-01T00:00:60Z", "0000-12-31T00:00:00Z", "2026-01-01T00:00:00+24:00", "2026-01-01T00:00:00+0100",
      "9999-12-31T23:59:59-01:00"})
  void badTimestampsAreRejected(String s) {
    assertThatThrownBy(() -> ProtoTimes.parseTimestamp(s)).isInstanceOf(IOException.class).hasMessageContaining(s);
  }

  @ParameterizedTest
  @ValueSource(strings = {"10", "s", "1.s", "ten seconds", "315576000001s", "99999999999999999999s"})
  void badDurationsAreRejected(String s) {
    assertThatThrownBy(() -> ProtoTimes.parseDuration(s)).isInstanceOf(IOException.class);
  }
}
