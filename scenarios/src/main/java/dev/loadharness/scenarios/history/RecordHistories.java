package dev.loadharness.scenarios.history;

import dev.loadharness.scenarios.server.DevServer;
import dev.loadharness.scenarios.server.DevServerOptions;
import dev.loadharness.scenarios.server.InMemoryServer;
import dev.loadharness.scenarios.server.ServerEnvironment;
import dev.loadharness.scenarios.server.SettingSource;
import dev.loadharness.scenarios.server.SystemProbes;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code scripts/record-histories}: records the fixture histories (small ones, in every format) or one
 * large FixtureBulky history, from the dev server when the Temporal CLI is present, else in-memory.
 */
@Command(name = "record-histories", mixinStandardHelpOptions = true,
    description = "Runs the fixture workflows against a Temporal server and writes their histories.")
public final class RecordHistories implements Callable<Integer> {

  @Option(names = "--out", required = true, description = "Directory to write histories into.")
  Path out;

  @Option(names = "--server", defaultValue = "auto", description = "auto (dev-server if the CLI is present), dev-server or in-memory.")
  String server;

  @Option(names = "--bulky-kb", defaultValue = "0", description = "Instead of the fixtures, record one FixtureBulky history whose JSON is about this many KB.")
  int bulkyKb;

  @Option(names = "--payload-bytes", defaultValue = "4096", description = "With --bulky-kb: bytes each activity returns (small values give many events per MB).")
  int payloadBytes;

  /** Runs the command line and exits with its code. */
  public static void main(String[] args) {
    System.exit(new CommandLine(new RecordHistories()).execute(args));
  }

  @Override
  public Integer call() throws Exception {
    Optional<Path> cli = new SystemProbes(SettingSource.system()).temporalCli();
    boolean dev = switch (server) {
      case "auto" -> cli.isPresent();
      case "dev-server" -> true;
      case "in-memory" -> false;
      default -> throw new CommandLine.ParameterException(new CommandLine(this),
          "--server must be auto, dev-server or in-memory, got " + server);
    };
    if (payloadBytes < 1 || payloadBytes > 1_000_000) {
      System.err.println("record-histories: --payload-bytes must be 1..1000000, got " + payloadBytes);
      return 2;
    }
    if (dev && cli.isEmpty()) {
      System.err.println("record-histories: --server dev-server needs the Temporal CLI (temporal on PATH)");
      return 2;
    }
    try (ServerEnvironment env = dev
        ? DevServer.start(DevServerOptions.defaults(cli.get(), "default", out.resolve("dev-server-log")))
        : InMemoryServer.start("default");
        HistoryRecorder recorder = HistoryRecorder.forFixtures(env, dev ? cli : Optional.empty())) {
      System.out.println("recording on " + env.kind().id() + " at " + env.target());
      for (Recording r : plan(dev)) {
        for (Path p : recorder.record(r, out)) {
          System.out.printf("wrote %s (%d bytes)%n", p, java.nio.file.Files.size(p));
        }
      }
    }
    return 0;
  }

  private List<Recording> plan(boolean withCli) {
    if (bulkyKb > 0) {
      // Measured on the dev server: each activity adds its result base64-encoded (4/3 of payloadBytes) plus
      // ~3.7 KB of pretty-printed SDK JSON for its scheduled/started/completed events and a workflow task
      // (4 KB results: ~9.1 KB per activity in JSON, ~4.8 KB in protobuf). So --bulky-kb sizes the JSON file.
      int count = Math.max(1, (int) (bulkyKb * 1024L / (payloadBytes * 4L / 3 + 3700)));
      String id = "bulky-" + bulkyKb + "kb" + (payloadBytes == 4096 ? "" : "-" + payloadBytes + "b");
      return List.of(new Recording(id, "FixtureBulky", List.of(count, payloadBytes),
          List.of(HistoryFileFormat.SDK_JSON, HistoryFileFormat.PROTOBUF)));
    }
    List<HistoryFileFormat> all = withCli
        ? List.of(HistoryFileFormat.values())
        : List.of(HistoryFileFormat.SDK_JSON, HistoryFileFormat.SDK_LEGACY_JSON, HistoryFileFormat.SDK_JSON_GZIP,
            HistoryFileFormat.PROTOBUF);
    return List.of(
        new Recording("greeting", "FixtureGreeting", List.of("Ada"), all),
        new Recording("bulky-small", "FixtureBulky", List.of(5, 256), List.of(HistoryFileFormat.SDK_JSON)));
  }
}
