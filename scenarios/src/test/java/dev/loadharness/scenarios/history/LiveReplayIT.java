package dev.loadharness.scenarios.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.loadharness.runtime.replay.ReplayCommand;
import dev.loadharness.scenarios.server.DevServer;
import dev.loadharness.scenarios.server.DevServerOptions;
import dev.loadharness.scenarios.server.InMemoryServer;
import dev.loadharness.scenarios.server.ServerEnvironment;
import dev.loadharness.scenarios.server.SettingSource;
import dev.loadharness.scenarios.server.SystemProbes;
import io.temporal.activity.ActivityOptions;
import io.temporal.workflow.Workflow;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Records fixture workflows on a real server, then replays them from the files the recorder wrote and
 * live over WorkflowService (in-memory server and dev server), and with the Temporal CLI (dev server).
 */
class LiveReplayIT {

  static final String GREETING = FixtureWorkflows.GreetingWorkflowImpl.class.getName();
  static final String CHANGED = ChangedGreeting.class.getName();

  /** Timer before the first activity: incompatible with recorded FixtureGreeting histories. */
  public static final class ChangedGreeting implements FixtureWorkflows.GreetingWorkflow {
    private final FixtureWorkflows.FixtureActivities activities = Workflow.newActivityStub(
        FixtureWorkflows.FixtureActivities.class,
        ActivityOptions.newBuilder().setStartToCloseTimeout(Duration.ofSeconds(10)).build());

    @Override
    public String greet(String name) {
      Workflow.sleep(Duration.ofMillis(50));
      return activities.compose(name) + " " + activities.compose(name + " again");
    }
  }

  @TempDir
  Path dir;

  record Run(int exit, JsonNode doc, String raw) {}

  static Run replay(String... args) throws Exception {
    List<String> all = new ArrayList<>(List.of(args));
    all.add("--json");
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit = ReplayCommand.commandLine().setOut(new PrintWriter(out)).setErr(new PrintWriter(err))
        .execute(all.toArray(new String[0]));
    String raw = out + "\n" + err;
    JsonNode doc = out.toString().isBlank() ? null : new ObjectMapper().readTree(out.toString());
    return new Run(exit, doc, raw);
  }

  static List<Path> record(ServerEnvironment env, Optional<Path> cli, Path dir, String... ids) throws Exception {
    List<Path> files = new ArrayList<>();
    try (HistoryRecorder recorder = HistoryRecorder.forFixtures(env, cli)) {
      for (String id : ids) {
        files.addAll(recorder.record(new Recording(id, "FixtureGreeting", List.of("Ada"),
            List.of(HistoryFileFormat.SDK_JSON, HistoryFileFormat.PROTOBUF)), dir));
      }
    }
    return files;
  }

  @Test
  void inMemoryServerHistoriesReplayFromFilesAndLive() throws Exception {
    try (InMemoryServer server = InMemoryServer.start("default")) {
      List<Path> files = record(server, Optional.empty(), dir, "greeting-mem");

      Run fromFiles = replay("--workflow-class", GREETING, files.get(0).toString(), files.get(1).toString());
      assertThat(fromFiles.exit()).as(fromFiles.raw()).isZero();
      assertThat(fromFiles.doc().path("counts").path("deterministic").asInt()).isEqualTo(2);

      Run live = replay("--workflow-class", GREETING, "--address", server.target(), "--namespace", server.namespace(),
          "--workflow-id", "greeting-mem");
      assertThat(live.exit()).as(live.raw()).isZero();
      JsonNode h = live.doc().path("histories").get(0);
      assertThat(h.path("format").asText()).isEqualTo("grpc");
      assertThat(h.path("source").asText()).isEqualTo("live:greeting-mem");
      assertThat(h.path("events").asInt()).isEqualTo(22);
      assertThat(live.doc().path("metrics").path("temporal_replay_history_fetch_ms").path("count").asInt()).isEqualTo(1);

      Run changed = replay("--workflow-class", CHANGED, "--address", server.target(), "--workflow-id", "greeting-mem");
      assertThat(changed.exit()).as(changed.raw()).isEqualTo(1);
      assertThat(changed.doc().path("histories").get(0).path("divergence").path("eventId").asLong()).isEqualTo(5);

      Run missing = replay("--workflow-class", GREETING, "--address", server.target(), "--workflow-id", "no-such-id");
      assertThat(missing.exit()).as(missing.raw()).isEqualTo(2);
      assertThat(missing.doc().path("histories").get(0).path("detail").asText()).contains("NOT_FOUND");
    }
  }

  @Test
  void devServerHistoriesReplayByQueryAndThroughTheCli() throws Exception {
    Optional<Path> cli = new SystemProbes(SettingSource.system()).temporalCli();
    assumeTrue(cli.isPresent(), "needs the Temporal CLI (dev server); not found on PATH");
    try (DevServer server = DevServer.start(DevServerOptions.defaults(cli.get(), "default", dir.resolve("log")))) {
      record(server, cli, dir, "greeting-dev-1", "greeting-dev-2");
      String[] common = {"--workflow-class", GREETING, "--address", server.target(), "--namespace", server.namespace(),
          "--temporal-cli", cli.get().toString()};

      Run byQuery = null;
      long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
      do {
        // Visibility is eventually consistent: wait (bounded) until both executions are listed.
        byQuery = replay(concat(common, "--query", "WorkflowType='FixtureGreeting'", "--limit", "5"));
      } while (byQuery.doc().path("histories").size() < 2 && System.nanoTime() < deadline && sleep());
      assertThat(byQuery.exit()).as(byQuery.raw()).isZero();
      assertThat(byQuery.doc().path("counts").path("deterministic").asInt()).isEqualTo(2);
      assertThat(byQuery.doc().path("notes").get(0).asText()).contains("matched 2 executions").contains("grpc");

      Run limited = replay(concat(common, "--query", "WorkflowType='FixtureGreeting'", "--limit", "1"));
      assertThat(limited.doc().path("histories")).hasSize(1);

      Run viaCli = replay(concat(common, "--fetch-with-cli", "--workflow-id", "greeting-dev-1"));
      assertThat(viaCli.exit()).as(viaCli.raw()).isZero();
      JsonNode h = viaCli.doc().path("histories").get(0);
      assertThat(h.path("format").asText()).startsWith("temporal-cli (forced by --fetch-with-cli)");
      assertThat(h.path("events").asInt()).isEqualTo(22);

      // The fallback: WorkflowService is not reachable at --address, but the CLI's own configuration
      // (here a wrapper that appends the server's address, as a CLI profile would) reaches the server.
      Path wrapper = dir.resolve("temporal-with-profile");
      Files.writeString(wrapper, "#!/bin/sh\nexec '" + cli.get() + "' \"$@\" --address " + server.target() + "\n");
      Files.setPosixFilePermissions(wrapper, PosixFilePermissions.fromString("rwxr-xr-x"));
      Run fallback = replay("--workflow-class", GREETING, "--address", "127.0.0.1:1", "--temporal-cli", wrapper.toString(),
          "--workflow-id", "greeting-dev-2");
      assertThat(fallback.exit()).as(fallback.raw()).isZero();
      assertThat(fallback.doc().path("histories").get(0).path("format").asText())
          .isEqualTo("temporal-cli (WorkflowService call failed: UNAVAILABLE)");

      Run cliMissing = replay(concat(common, "--fetch-with-cli", "--workflow-id", "no-such-id"));
      assertThat(cliMissing.exit()).isEqualTo(2);
      assertThat(cliMissing.doc().path("histories").get(0).path("detail").asText()).contains("workflow not found");
    }
  }

  private static boolean sleep() throws InterruptedException {
    Thread.sleep(300);
    return true;
  }

  private static String[] concat(String[] a, String... b) {
    String[] all = new String[a.length + b.length];
    System.arraycopy(a, 0, all, 0, a.length);
    System.arraycopy(b, 0, all, a.length, b.length);
    return all;
  }
}
