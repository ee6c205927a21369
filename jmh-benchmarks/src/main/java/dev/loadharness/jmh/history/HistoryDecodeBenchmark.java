package dev.loadharness.jmh.history;

import dev.loadharness.runtime.history.HistoryCollector;
import dev.loadharness.runtime.history.HistoryDecodeException;
import dev.loadharness.runtime.history.HistoryDecoder;
import io.temporal.api.history.v1.History;
import io.temporal.common.WorkflowExecutionHistory;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Question: how much faster than the SDK's {@code WorkflowExecutionHistory.fromJson} does the
 * runtime's streaming decoder turn a ~1 MB JSON history into events, from plain and gzipped JSON,
 * and how close does it come to parsing the binary protobuf form? Run with {@code -prof gc} for the
 * allocation side of the question ({@code scripts/jmh HistoryDecode -- -prof gc}).
 *
 * <p>Baseline: {@link #sdkFromJson()}, measured in the same run. Every method yields all events as
 * protobuf {@code HistoryEvent}s (the streaming decoder collects them, as replay needs them). The
 * history is synthetic and seeded ({@link SyntheticHistory}): 4 KB JSON payloads, like the recorded
 * bulky fixture of the replay docs. {@code fromJson} gets the text as a String, as it requires.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(2)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class HistoryDecodeBenchmark {
  private String json;
  private byte[] jsonBytes;
  private byte[] jsonGzip;
  private byte[] protobuf;
  private final HistoryDecoder decoder = new HistoryDecoder();

  @Setup
  public void setUp() {
    SyntheticHistory history = SyntheticHistory.of(1 << 20, 4096, 11);
    json = history.json();
    jsonBytes = json.getBytes(StandardCharsets.UTF_8);
    jsonGzip = history.jsonGzip();
    protobuf = history.protobuf();
    System.out.printf(
        "%n[decode] %d events: JSON %d B, gzip %d B, protobuf %d B%n",
        history.history().getEventsCount(), jsonBytes.length, jsonGzip.length, protobuf.length);
  }

  @Benchmark
  public int sdkFromJson() {
    return WorkflowExecutionHistory.fromJson(json).getHistory().getEventsCount();
  }

  @Benchmark
  public int streamingJson() throws HistoryDecodeException {
    HistoryCollector events = new HistoryCollector(true);
    decoder.decode(new ByteArrayInputStream(jsonBytes), events);
    return events.history().getEventsCount();
  }

  @Benchmark
  public int streamingJsonGzip() throws HistoryDecodeException {
    HistoryCollector events = new HistoryCollector(true);
    decoder.decode(new ByteArrayInputStream(jsonGzip), events);
    return events.history().getEventsCount();
  }

  @Benchmark
  public int protobufParse() throws Exception {
    return History.parseFrom(protobuf).getEventsCount();
  }
}
