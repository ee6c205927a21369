package dev.loadharness.jmh.payload;

import io.temporal.common.converter.CodecDataConverter;
import io.temporal.common.converter.DataConverter;
import io.temporal.common.converter.DefaultDataConverter;
import io.temporal.payload.codec.ZlibPayloadCodec;
import java.util.List;

/** Serialized sizes with and without the codec: what the codec's cost buys. */
public final class PayloadSizes {
  private PayloadSizes() {}

  /** Bytes of the payload data as the server stores it, without and with the zlib codec. */
  public record Sizes(int plainBytes, int zlibBytes) {
    /** How many times smaller the codec makes it. */
    public double ratio() {
      return (double) plainBytes / zlibBytes;
    }
  }

  public static Sizes measure(int approxBytes, long seed) {
    Object order = ScenarioPayloads.order(approxBytes, seed);
    DataConverter plain = DefaultDataConverter.newDefaultInstance();
    DataConverter zlib = new CodecDataConverter(plain, List.of(new ZlibPayloadCodec()));
    return new Sizes(
        plain.toPayloads(order).orElseThrow().getPayloads(0).getSerializedSize(),
        zlib.toPayloads(order).orElseThrow().getPayloads(0).getSerializedSize());
  }

  /** Prints the table for docs/benchmarks.md. */
  public static void main(String[] args) {
    for (int size : new int[] {1024, 65536}) {
      Sizes sizes = measure(size, 7);
      System.out.printf("%6d B target: plain %6d B, zlib %6d B, %.1fx smaller%n", size, sizes.plainBytes(), sizes.zlibBytes(), sizes.ratio());
    }
  }
}
