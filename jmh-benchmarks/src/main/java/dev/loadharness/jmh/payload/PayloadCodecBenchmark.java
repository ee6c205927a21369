package dev.loadharness.jmh.payload;

import io.temporal.api.common.v1.Payloads;
import io.temporal.common.converter.CodecDataConverter;
import io.temporal.common.converter.DataConverter;
import io.temporal.common.converter.DefaultDataConverter;
import io.temporal.payload.codec.ZlibPayloadCodec;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Question: what does the SDK's compression codec ({@link ZlibPayloadCodec}, DEFLATE) add to a
 * payload's round trip through the data converter, for typical scenario payloads of 1 KB and 64 KB?
 * Its benefit is fewer bytes in history and on the wire; {@link PayloadSizes} reports that ratio.
 *
 * <p>Baseline: the SDK's default converter (Jackson JSON) without a codec, measured in the same run.
 * Each operation serialises to {@link Payloads} and back, as a workflow argument does between client
 * and worker.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(2)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class PayloadCodecBenchmark {

  @Param({"1024", "65536"})
  public int payloadBytes;

  private ScenarioPayloads.Order order;
  private DataConverter plain;
  private DataConverter zlib;

  @Setup
  public void setUp() {
    order = ScenarioPayloads.order(payloadBytes, 7);
    plain = DefaultDataConverter.newDefaultInstance();
    zlib = new CodecDataConverter(plain, List.of(new ZlibPayloadCodec()));
  }

  private ScenarioPayloads.Order roundTrip(DataConverter converter) {
    Optional<Payloads> payloads = converter.toPayloads(order);
    return converter.fromPayloads(0, payloads, ScenarioPayloads.Order.class, ScenarioPayloads.Order.class);
  }

  @Benchmark
  public ScenarioPayloads.Order baselineNoCodec() {
    return roundTrip(plain);
  }

  @Benchmark
  public ScenarioPayloads.Order zlibCodec() {
    return roundTrip(zlib);
  }
}
