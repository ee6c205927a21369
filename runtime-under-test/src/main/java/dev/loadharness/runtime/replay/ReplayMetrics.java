package dev.loadharness.runtime.replay;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogWriter;

/**
 * The replay histograms, one sample per history: {@code temporal_replay_history_fetch_ms},
 * {@code temporal_replay_decode_ms} and {@code temporal_replay_replay_ms}. Samples are recorded in
 * microseconds (3 significant digits) so sub-millisecond decodes are not rounded to zero; every value
 * written out is converted back to milliseconds. Thread-safe.
 */
public final class ReplayMetrics {

  /** Metric names, as listed in docs/runtime.md. */
  public static final String FETCH = "temporal_replay_history_fetch_ms";
  /** Decode time metric name. */
  public static final String DECODE = "temporal_replay_decode_ms";
  /** Replay time metric name. */
  public static final String REPLAY = "temporal_replay_replay_ms";

  private static final long MAX_MICROS = 3_600_000_000L;
  private final Map<String, Histogram> histograms = new LinkedHashMap<>();
  private final long startMillis = System.currentTimeMillis();

  /** Creates empty histograms. */
  public ReplayMetrics() {
    for (String name : new String[] {FETCH, DECODE, REPLAY}) {
      Histogram h = new Histogram(MAX_MICROS, 3);
      h.setStartTimeStamp(startMillis);
      histograms.put(name, h);
    }
  }

  /** Records the stages of one history (stages that did not run are not recorded). */
  public synchronized void record(HistoryOutcome o, boolean fetched) {
    if (fetched) {
      put(FETCH, o.fetchMs());
    }
    if (o.events() > 0) {
      put(DECODE, o.decodeMs());
    }
    if (o.verdict() == Verdict.DETERMINISTIC || o.verdict() == Verdict.NONDETERMINISTIC
        || o.verdict() == Verdict.REPLAY_FAILED) {
      put(REPLAY, o.replayMs());
    }
  }

  private void put(String name, double ms) {
    histograms.get(name).recordValue(Math.min(MAX_MICROS, Math.max(0, Math.round(ms * 1000))));
  }

  /** Per metric: count, p50, p90, p95, p99, max, mean in ms. */
  public synchronized Map<String, Map<String, Object>> summary() {
    Map<String, Map<String, Object>> out = new LinkedHashMap<>();
    histograms.forEach((name, h) -> {
      Map<String, Object> s = new LinkedHashMap<>();
      s.put("count", h.getTotalCount());
      s.put("p50", ms(h.getValueAtPercentile(50)));
      s.put("p90", ms(h.getValueAtPercentile(90)));
      s.put("p95", ms(h.getValueAtPercentile(95)));
      s.put("p99", ms(h.getValueAtPercentile(99)));
      s.put("max", ms(h.getMaxValue()));
      s.put("mean", h.getTotalCount() == 0 ? 0.0 : Math.round(h.getMean()) / 1000.0);
      out.put(name, s);
    });
    return out;
  }

  /** Prints "name: n=.. p50=.. p95=.. max=.. ms" for the metrics that have samples. */
  public synchronized void printSummary(java.io.PrintWriter out) {
    summary().forEach((name, s) -> {
      if ((long) s.get("count") > 0) {
        out.printf("  %-34s n=%d p50=%s p95=%s max=%s ms%n", name, s.get("count"), s.get("p50"), s.get("p95"), s.get("max"));
      }
    });
  }

  /**
   * Writes the histograms: an HdrHistogram interval log (one tagged histogram per metric, values in
   * microseconds) if the file name ends in ".hlog", else JSON {"unit":"ms","metrics":{name:{count,
   * p50,...,max,mean,"hdr_us":base64 compressed histogram}}}.
   */
  public synchronized void write(Path file) throws IOException {
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    if (file.getFileName().toString().endsWith(".hlog")) {
      try (OutputStream os = Files.newOutputStream(file); PrintStream ps = new PrintStream(os, false, "UTF-8")) {
        HistogramLogWriter w = new HistogramLogWriter(ps);
        w.outputComment("temporal-load-harness replay metrics; values in microseconds");
        w.outputLogFormatVersion();
        w.outputStartTime(startMillis);
        w.setBaseTime(startMillis);
        w.outputLegend();
        long end = System.currentTimeMillis();
        histograms.forEach((name, h) -> {
          Histogram copy = h.copy();
          copy.setTag(name);
          copy.setStartTimeStamp(startMillis);
          copy.setEndTimeStamp(end);
          w.outputIntervalHistogram(copy);
        });
      }
      return;
    }
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("unit", "ms");
    Map<String, Map<String, Object>> metrics = summary();
    histograms.forEach((name, h) -> metrics.get(name).put("hdr_us", encode(h)));
    doc.put("metrics", metrics);
    new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), doc);
  }

  private static String encode(Histogram h) {
    ByteBuffer buf = ByteBuffer.allocate(h.getNeededByteBufferCapacity());
    int n = h.encodeIntoCompressedByteBuffer(buf);
    return Base64.getEncoder().encodeToString(java.util.Arrays.copyOf(buf.array(), n));
  }

  private static double ms(long micros) {
    return micros / 1000.0;
  }
}
