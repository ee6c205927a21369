package dev.loadharness.runtime.history;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Seeded mutation fuzzing of the decoder over the committed fixtures (this repository's recordings and
 * the SDK-written histories in sdk-histories/): whatever the bytes, the decoder
 * either decodes or throws its own {@link HistoryDecodeException}; any other exception or error (the kind
 * that once aborted a whole replay batch) fails the test with the seed, the iteration and the mutation,
 * and the input is written to target/fuzz-failures/ to reproduce it.
 *
 * <p>Mutations: byte flips, deletions, duplications and insertions, truncation, gzip of a mutated input,
 * JSON-aware value swaps (a string or number value replaced by a hostile one: huge integers, impossible
 * dates, non-base64, NaN, deep nesting), arrays of histories and concatenations. Bounded by
 * {@code -Dfuzz.seconds} (default 8) and {@code -Dfuzz.iterations} (default 200,000); {@code -Dfuzz.seed}
 * picks the seed (default fixed, so a failure reproduces).
 */
class HistoryDecoderFuzzTest {

  private static final long SEED = Long.getLong("fuzz.seed", 17L);
  private static final long SECONDS = Long.getLong("fuzz.seconds", 8L);
  private static final long ITERATIONS = Long.getLong("fuzz.iterations", 200_000L);

  private static final Pattern VALUE = Pattern.compile(":\\s*(\"(?:[^\"\\\\]|\\\\.)*\"|-?[0-9][0-9.eE+-]*|true|false|null|\\{\\}|\\[\\])");
  private static final String[] HOSTILE = {
      "\"\"", "\"-\"", "\"12345678901234567890\"", "\"9223372036854775808\"", "\"-9223372036854775809\"", "18446744073709551616",
      "1e999", "-1e-999", "1.5", "\"1e3\"", "\"NaN\"", "\"Infinity\"", "\"fast\"", "\"2026-13-45T99:99:99Z\"",
      "\"2026-02-30T00:00:00Z\"", "\"10000-01-01T00:00:00Z\"", "\"0000-01-01T00:00:00Z\"", "\"2026-01-01T00:00:00+99:99\"",
      "\"2026-01-01T00:00:00.Z\"", "\"99999999999999999999s\"", "\"-s\"", "\"1.1234567890s\"", "\"ab_c-w==\"", "\"a\"",
      "\"====\"", "\"hello world\"", "\"\\u0000\"", "\"\\ud800\"", "\"é\"", "true", "null", "{}", "[]", "[[[[[[]]]]]]",
      "{\"a\":{\"b\":{\"c\":[1,{\"d\":null}]}}}", "\"EVENT_TYPE_FROM_THE_FUTURE\"", "4294967296", "-1", "2147483648",
      "\"WorkflowExecutionStarted\"", "0", "\"0x10\"", "\" 1\"", "\"1 \"", "\"+1\""};

  record Fixture(String name, byte[] bytes) {}

  @Test
  void onlyTheDecodersOwnExceptionEverEscapes() throws Exception {
    List<Fixture> fixtures = fixtures();
    Random random = new Random(SEED);
    HistoryDecoder decoder = new HistoryDecoder();
    long deadline = System.nanoTime() + SECONDS * 1_000_000_000L;
    long iterations = 0;
    int decoded = 0;
    int rejected = 0;
    while (iterations < ITERATIONS && System.nanoTime() < deadline) {
      iterations++;
      Fixture f = fixtures.get(random.nextInt(fixtures.size()));
      StringBuilder how = new StringBuilder(f.name());
      byte[] input = mutate(f.bytes(), random, how, 1 + random.nextInt(3));
      try {
        decoder.decodeAll(new ByteArrayInputStream(input), new CountingHandler());
        decoded++;
      } catch (HistoryDecodeException expected) {
        rejected++;
        assertThat(expected.getMessage()).as("one-line message").doesNotContain("\n");
      } catch (Throwable t) {
        Path out = Paths.get("target/fuzz-failures/seed-" + SEED + "-iteration-" + iterations + ".bin");
        Files.createDirectories(out.getParent());
        Files.write(out, input);
        throw new AssertionError("seed " + SEED + ", iteration " + iterations + ", mutation " + how + ": "
            + t + " escaped the decoder (input written to " + out + ")", t);
      }
    }
    System.out.printf("fuzz: seed %d, %d iterations in %d s budget: %d decoded, %d rejected%n", SEED, iterations, SECONDS,
        decoded, rejected);
    // The mutations must reach both outcomes, or the test is not exercising the decoder.
    assertThat(decoded).as("inputs that still decoded").isPositive();
    assertThat(rejected).as("inputs rejected").isPositive();
    assertThat(iterations).as("iterations in " + SECONDS + " s").isGreaterThan(500);
  }

  private static final class CountingHandler implements HistoryHandler {
    @Override
    public HistoryEventSink start(int index, boolean arrayOfHistories) {
      return new HistoryCollector(true);
    }

    @Override
    public void completed(int index, int events) {
      // counted by the summary
    }

    @Override
    public void rejected(int index, HistoryDecodeException why) {
      assertThat(why.getMessage()).as("one-line message").doesNotContain("\n");
    }
  }

  private static List<Fixture> fixtures() throws IOException {
    List<Fixture> list = new ArrayList<>();
    try (Stream<Path> files = Files.list(HistoryDecoderTest.FIXTURES)) {
      for (Path p : (Iterable<Path>) files.sorted()::iterator) {
        list.add(new Fixture(p.getFileName().toString(), Files.readAllBytes(p)));
      }
    }
    try (Stream<Path> files = Files.list(SdkHistoriesTest.DIR)) {
      for (Path p : (Iterable<Path>) files.filter(p -> p.toString().endsWith(".json")).sorted()::iterator) {
        list.add(new Fixture(p.getFileName().toString(), Files.readAllBytes(p)));
      }
    }
    byte[] greeting = Files.readAllBytes(HistoryDecoderTest.FIXTURES.resolve("greeting.json"));
    String g = new String(greeting, StandardCharsets.UTF_8).strip();
    list.add(new Fixture("array-of-histories", ("[" + g + ",\n" + g + "]").getBytes(StandardCharsets.UTF_8)));
    list.add(new Fixture("bare-events", ("[" + g.substring(g.indexOf('[') + 1, g.lastIndexOf(']')) + "]")
        .getBytes(StandardCharsets.UTF_8)));
    assertThat(list).hasSizeGreaterThanOrEqualTo(10);
    return list;
  }

  private static byte[] mutate(byte[] in, Random r, StringBuilder how, int rounds) throws IOException {
    byte[] b = in;
    for (int round = 0; round < rounds; round++) {
      int kind = r.nextInt(9);
      how.append(" > ");
      switch (kind) {
        case 0 -> {
          int n = 1 + r.nextInt(8);
          b = b.clone();
          for (int i = 0; i < n && b.length > 0; i++) {
            int at = r.nextInt(b.length);
            b[at] = (byte) (b[at] ^ (1 << r.nextInt(8)));
          }
          how.append("flip ").append(n).append(" bits");
        }
        case 1 -> {
          int at = b.length == 0 ? 0 : r.nextInt(b.length);
          int len = Math.min(b.length - at, 1 + r.nextInt(64));
          b = concat(Arrays.copyOf(b, at), Arrays.copyOfRange(b, at + len, b.length));
          how.append("delete ").append(len).append(" at ").append(at);
        }
        case 2 -> {
          int at = b.length == 0 ? 0 : r.nextInt(b.length);
          int len = Math.min(b.length - at, 1 + r.nextInt(256));
          byte[] piece = Arrays.copyOfRange(b, at, at + len);
          int to = r.nextInt(b.length + 1);
          b = concat(concat(Arrays.copyOf(b, to), piece), Arrays.copyOfRange(b, to, b.length));
          how.append("duplicate ").append(len).append(" from ").append(at).append(" to ").append(to);
        }
        case 3 -> {
          byte[] junk = new byte[1 + r.nextInt(16)];
          r.nextBytes(junk);
          int to = r.nextInt(b.length + 1);
          b = concat(concat(Arrays.copyOf(b, to), junk), Arrays.copyOfRange(b, to, b.length));
          how.append("insert ").append(junk.length).append(" random bytes at ").append(to);
        }
        case 4 -> {
          int len = b.length == 0 ? 0 : r.nextInt(b.length);
          b = Arrays.copyOf(b, len);
          how.append("truncate to ").append(len);
        }
        case 5 -> {
          b = HistoryDecoderTest.gzip(b);
          how.append("gzip");
        }
        case 6 -> {
          b = concat(b, r.nextBoolean() ? in : " x".getBytes(StandardCharsets.UTF_8));
          how.append("append");
        }
        default -> b = swapValue(b, r, how);
      }
    }
    return b;
  }

  /** Replaces one JSON value (found textually) by a hostile one. */
  private static byte[] swapValue(byte[] b, Random r, StringBuilder how) {
    String s = new String(b, StandardCharsets.ISO_8859_1);
    Matcher m = VALUE.matcher(s);
    List<int[]> spans = new ArrayList<>();
    while (m.find() && spans.size() < 4096) {
      spans.add(new int[] {m.start(1), m.end(1)});
    }
    if (spans.isEmpty()) {
      how.append("no value to swap");
      return b;
    }
    int[] span = spans.get(r.nextInt(spans.size()));
    String hostile = HOSTILE[r.nextInt(HOSTILE.length)];
    how.append("value at ").append(span[0]).append(" := ").append(hostile);
    byte[] replacement = hostile.getBytes(StandardCharsets.UTF_8);
    return concat(concat(Arrays.copyOf(b, span[0]), replacement), Arrays.copyOfRange(b, span[1], b.length));
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] c = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, c, a.length, b.length);
    return c;
  }
}
