package dev.loadharness.runtime.history;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.google.protobuf.util.JsonFormat;
import io.temporal.api.history.v1.History;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.common.WorkflowExecutionHistory;
import java.io.ByteArrayInputStream;
import java.io.StringWriter;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * A reproducible side-by-side measurement (not JMH; the JMH benchmark belongs to the jmh-benchmarks
 * module): decodes one JSON history with (a) {@link HistoryDecoder}, (b) the SDK's
 * {@code WorkflowExecutionHistory.fromJson} given the text already as a String, and (c) Jackson to find
 * each event plus protobuf {@code JsonFormat} per event, and for reference (d) protobuf's own parser on
 * the binary form of the same history; interleaved rounds, median time per decode and
 * bytes allocated per decode (ThreadMXBean) for each, plus the protobuf size of the history.
 *
 * <p>Usage: {@code java -cp <test classpath> dev.loadharness.runtime.history.DecodeComparison FILE [rounds]}.
 */
public final class DecodeComparison {

  private DecodeComparison() {}

  /** Runs the comparison on the file given. */
  public static void main(String[] args) throws Exception {
    Path file = Paths.get(args[0]);
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 30;
    byte[] bytes = Files.readAllBytes(file);
    String text = new String(bytes, StandardCharsets.UTF_8);
    HistoryDecoder decoder = new HistoryDecoder();
    JsonFormat.Parser perEventParser = JsonFormat.parser().ignoringUnknownFields();
    JsonFactory jackson = new JsonFactory();

    Callable<History> streaming = () -> {
      HistoryCollector c = new HistoryCollector(true);
      decoder.decode(new ByteArrayInputStream(bytes), c);
      return c.history();
    };
    Callable<History> sdk = () -> WorkflowExecutionHistory.fromJson(text).getHistory();
    Callable<History> perEvent = () -> {
      History.Builder h = History.newBuilder();
      try (JsonParser p = jackson.createParser(bytes)) {
        while (p.nextToken() != null) {
          if (p.currentToken() == JsonToken.FIELD_NAME && "events".equals(p.currentName())) {
            p.nextToken();
            while (p.nextToken() == JsonToken.START_OBJECT) {
              StringWriter w = new StringWriter();
              try (JsonGenerator g = jackson.createGenerator(w)) {
                g.copyCurrentStructure(p);
              }
              HistoryEvent.Builder e = HistoryEvent.newBuilder();
              perEventParser.merge(w.toString(), e);
              h.addEvents(e);
            }
          }
        }
      }
      return h.build();
    };

    byte[] binaryBytes = sdk.call().toByteArray();
    Callable<History> binary = () -> History.parseFrom(binaryBytes);
    History reference = sdk.call();
    if (!reference.equals(streaming.call()) || !reference.equals(perEvent.call())) {
      throw new IllegalStateException("decoders disagree on " + file);
    }
    String[] names = {"HistoryDecoder (streaming)", "SDK fromJson", "Jackson + JsonFormat per event",
        "(reference) History.parseFrom of the protobuf"};
    Callable<?>[] candidates = {streaming, sdk, perEvent, binary};
    int n = candidates.length;
    long[][] nanos = new long[n][rounds];
    long[][] alloc = new long[n][rounds];
    com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    long self = Thread.currentThread().getId();
    for (int warm = 0; warm < 10; warm++) {
      for (Callable<?> c : candidates) {
        c.call();
      }
    }
    Object sink = null;
    for (int r = 0; r < rounds; r++) {
      for (int i = 0; i < n; i++) {
        long a0 = mx.getThreadAllocatedBytes(self);
        long t0 = System.nanoTime();
        sink = candidates[i].call();
        nanos[i][r] = System.nanoTime() - t0;
        alloc[i][r] = mx.getThreadAllocatedBytes(self) - a0;
      }
    }
    int binarySize = reference.getSerializedSize();
    System.out.printf(Locale.ROOT, "file %s: %d bytes JSON, %d events, %d bytes protobuf; %d rounds (median)%n",
        file, bytes.length, reference.getEventsCount(), binarySize, rounds);
    double base = median(nanos[1]);
    for (int i = 0; i < n; i++) {
      double ms = median(nanos[i]) / 1e6;
      double allocated = median(alloc[i]);
      System.out.printf(Locale.ROOT, "  %-32s %8.2f ms  %5.2fx vs fromJson   alloc %8.0f KB = %5.2fx protobuf size%n",
          names[i], ms, base / median(nanos[i]), allocated / 1024, allocated / binarySize);
    }
    if (sink == null) {
      throw new IllegalStateException();
    }
  }

  private static double median(long[] values) {
    long[] v = values.clone();
    Arrays.sort(v);
    return v[v.length / 2];
  }
}
