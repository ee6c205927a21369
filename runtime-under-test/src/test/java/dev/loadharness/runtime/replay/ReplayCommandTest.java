package dev.loadharness.runtime.replay;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReplayCommandTest {

  static final Path FIXTURES = Paths.get("src/test/resources/histories");
  static final String CHANGED = "dev.loadharness.runtime.replay.fixtures.ChangedGreetingWorkflowImpl";

  @TempDir
  Path tmp;

  record Run(int exit, String out, String err) {}

  static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit = ReplayCommand.commandLine().setOut(new PrintWriter(out)).setErr(new PrintWriter(err)).execute(args);
    return new Run(exit, out.toString(), err.toString());
  }

  static JsonNode json(Run r) throws IOException {
    return new ObjectMapper().readTree(r.out());
  }

  @Test
  void capturedHistoriesReplayDeterministicallyAgainstTheServiceLoaderCatalog() throws Exception {
    Run r = run("--json", "--parallelism", "2", FIXTURES.toString());

    assertThat(r.exit()).as(r.out() + r.err()).isZero();
    JsonNode doc = json(r);
    assertThat(doc.path("counts").path("deterministic").asInt()).isEqualTo(6);
    for (JsonNode h : doc.path("histories")) {
      assertThat(h.path("verdict").asText()).isEqualTo("DETERMINISTIC");
      assertThat(h.path("events").asInt()).isPositive();
    }
  }

  @Test
  void changedWorkflowIsNondeterministicAtTheEventWhereItDiverged() throws Exception {
    Run r = run("--json", "--workflow-class", CHANGED, FIXTURES.resolve("greeting.cli.json").toString());

    assertThat(r.exit()).as(r.out() + r.err()).isEqualTo(1);
    JsonNode h = json(r).path("histories").get(0);
    assertThat(h.path("verdict").asText()).isEqualTo("NONDETERMINISTIC");
    assertThat(h.path("workflowId").asText()).isEqualTo("greeting");
    // Event 5 is the first activity's ActivityTaskScheduled; the changed code starts a timer there.
    assertThat(h.path("divergence").path("eventId").asLong()).isEqualTo(5);
    assertThat(h.path("divergence").path("expected").asText()).contains("EVENT_TYPE_ACTIVITY_TASK_SCHEDULED");
    assertThat(h.path("divergence").path("actual").asText()).contains("COMMAND_TYPE_START_TIMER");
  }

  @Test
  void humanOutputNamesWorkflowEventAndCommands() {
    Run r = run("--workflow-class", CHANGED, FIXTURES.resolve("greeting.json").toString());

    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.out()).contains("NONDETERMINISTIC").contains("id=greeting").contains("diverged at event 5")
        .contains("EVENT_TYPE_ACTIVITY_TASK_SCHEDULED").contains("COMMAND_TYPE_START_TIMER")
        .contains("1 histories: {nondeterministic=1}; exit 1");
  }

  @Test
  void badInputsAreReportedOneByOneWithoutStoppingTheBatch() throws Exception {
    byte[] json = Files.readAllBytes(FIXTURES.resolve("greeting.json"));
    byte[] gz = Files.readAllBytes(FIXTURES.resolve("greeting.json.gz"));
    Path batch = Files.createDirectories(tmp.resolve("batch"));
    Files.write(batch.resolve("a-truncated.json"), Arrays.copyOf(json, 3000));
    byte[] corrupt = gz.clone();
    for (int i = 20; i < 60; i++) {
      corrupt[i] ^= 0x5a;
    }
    Files.write(batch.resolve("b-corrupt.json.gz"), corrupt);
    Files.writeString(batch.resolve("c-not-a-history.json"), "{\"hello\": \"world\"}");
    Files.writeString(batch.resolve("d-unknown-type.json"),
        new String(json, StandardCharsets.UTF_8).replace("FixtureGreeting", "NoSuchWorkflow"));
    Files.write(batch.resolve("e-good.json"), json);

    Run r = run("--json", batch.toString());

    assertThat(r.exit()).as(r.out() + r.err()).isEqualTo(2);
    JsonNode hs = json(r).path("histories");
    assertThat(hs).hasSize(5);
    assertThat(hs.get(0).path("detail").asText()).contains("a-truncated.json").contains("truncated at byte offset")
        .contains("event index");
    assertThat(hs.get(1).path("detail").asText()).contains("b-corrupt.json.gz").contains("corrupt gzip");
    assertThat(hs.get(2).path("detail").asText()).contains("not a history").contains("no \"events\" array");
    assertThat(hs.get(3).path("detail").asText()).contains("unknown workflow type \"NoSuchWorkflow\"")
        .contains("FixtureGreeting");
    for (int i = 0; i < 4; i++) {
      assertThat(hs.get(i).path("verdict").asText()).isEqualTo("BAD_INPUT");
    }
    assertThat(hs.get(4).path("verdict").asText()).isEqualTo("DETERMINISTIC");
  }

  @Test
  void nondeterminismOutranksBadInput() {
    Run r = run("--workflow-class", CHANGED, FIXTURES.resolve("greeting.json").toString(), tmp.resolve("missing.json").toString());
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.out()).contains("no such file or directory");
  }

  @Test
  void globsSelectFiles() throws Exception {
    Run r = run("--json", FIXTURES + "/greeting.*json");
    assertThat(r.exit()).isZero();
    assertThat(json(r).path("histories")).hasSize(3);
  }

  @Test
  void decodeOnlySummarisesWithoutReplaying() throws Exception {
    Run r = run("--decode-only", FIXTURES.resolve("greeting.binpb").toString());

    assertThat(r.exit()).as(r.out() + r.err()).isZero();
    assertThat(r.out()).contains("DECODED").contains("events=22").contains("type=FixtureGreeting")
        .contains("format=PROTOBUF").contains("EVENT_TYPE_TIMER_FIRED=1").contains("first=20");
  }

  @Test
  void metricsAreWrittenAsJsonAndAsHdrLog() throws Exception {
    Path jsonFile = tmp.resolve("m/replay.json");
    Path hlog = tmp.resolve("m/replay.hlog");

    assertThat(run("--metrics", jsonFile.toString(), FIXTURES.toString()).exit()).isZero();
    assertThat(run("--metrics", hlog.toString(), FIXTURES.toString()).exit()).isZero();

    JsonNode m = new ObjectMapper().readTree(jsonFile.toFile()).path("metrics");
    assertThat(m.path(ReplayMetrics.DECODE).path("count").asLong()).isEqualTo(6);
    assertThat(m.path(ReplayMetrics.REPLAY).path("count").asLong()).isEqualTo(6);
    assertThat(m.path(ReplayMetrics.FETCH).path("count").asLong()).isZero();
    assertThat(m.path(ReplayMetrics.DECODE).path("hdr_us").asText()).isNotEmpty();
    assertThat(Files.readString(hlog)).contains("#[StartTime:").contains("Tag=" + ReplayMetrics.DECODE);
  }

  @Test
  void userJarsAddImplementations(@TempDir Path jarDir) throws Exception {
    // Copy the fixture workflow classes into a jar, then load them from --classpath by name.
    Path classes = Paths.get("target/test-classes");
    Path jar = jarDir.resolve("workflows.jar");
    try (var out = new java.util.jar.JarOutputStream(Files.newOutputStream(jar));
        var files = Files.walk(classes.resolve("dev/loadharness/runtime/replay/fixtures"))) {
      for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
        out.putNextEntry(new java.util.jar.JarEntry(classes.relativize(f).toString()));
        out.write(Files.readAllBytes(f));
        out.closeEntry();
      }
    }
    Run r = run("--classpath", jar.toString(), "--workflow-class", CHANGED, FIXTURES.resolve("greeting.json").toString());
    assertThat(r.exit()).isEqualTo(1);
  }

  @Test
  void unknownWorkflowClassIsBadInput() {
    Run r = run("--workflow-class", "com.example.Nope", FIXTURES.resolve("greeting.json").toString());
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("--workflow-class com.example.Nope").contains("not found");
  }

  @Test
  void twoImplementationsOfOneTypeAreRejectedByName() {
    Run r = run("--workflow-class", CHANGED + ",dev.loadharness.runtime.replay.fixtures.GreetingWorkflowImpl",
        FIXTURES.resolve("greeting.json").toString());
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("workflow type \"FixtureGreeting\" is implemented by both").contains("ChangedGreetingWorkflowImpl");
  }

  @Test
  void notAWorkflowClassIsRejected() {
    Run r = run("--workflow-class", "java.lang.String", FIXTURES.resolve("greeting.json").toString());
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("java.lang.String is not a workflow implementation");
  }

  @Test
  void nothingToReplayIsAUsageError() {
    Run r = run();
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("nothing to replay");
  }

  @Test
  void gzipIsRecognisedWhateverTheName() throws Exception {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    try (GZIPOutputStream g = new GZIPOutputStream(b)) {
      g.write(Files.readAllBytes(FIXTURES.resolve("greeting.binpb")));
    }
    Path f = tmp.resolve("history.txt");
    Files.write(f, b.toByteArray());
    Run r = run("--json", f.toString());
    assertThat(r.exit()).isZero();
    assertThat(json(r).path("histories").get(0).path("format").asText()).isEqualTo("PROTOBUF+gzip");
  }

  @Test
  void decodingFailuresOfEveryKindAreVerdictsAndTheBatchAlwaysFinishes() throws Exception {
    String json = Files.readString(FIXTURES.resolve("greeting.json"));
    Path batch = Files.createDirectories(tmp.resolve("strict"));
    // "IkFkYSI=" in the URL-safe alphabet is the same; a real SDK test history uses it, so it must replay.
    Files.writeString(batch.resolve("a-url-safe.json"), json.replace("anNvbi9wbGFpbg\\u003d\\u003d", "anNvbi9wbGFpbg").replace(
        "\"IkFkYSI\\u003d\"", "\"IkFkYSI\""));
    Files.writeString(batch.resolve("b-long-id.json"), json.replace("\"eventId\": \"7\"", "\"eventId\": \"12345678901234567890\""));
    Files.writeString(batch.resolve("c-empty-id.json"), json.replace("\"eventId\": \"7\"", "\"eventId\": \"\""));
    Files.writeString(batch.resolve("d-bad-time.json"), json.replace("2026-11-23T03:17:38.003392736Z", "2026-13-45T99:99:99Z"));
    Files.writeString(batch.resolve("e-trailing.json"), json + "{}");
    Files.writeString(batch.resolve("f-good.json"), json);

    Run text = run(batch.toString());
    Run doc = run("--json", batch.toString());

    assertThat(text.exit()).as(text.out() + text.err()).isEqualTo(2);
    assertThat(text.out()).contains("6 histories: {deterministic=2, bad_input=4}; exit 2");
    assertThat(text.err()).doesNotContain("Exception");
    JsonNode hs = json(doc).path("histories");
    assertThat(json(doc).path("exit_code").asInt()).isEqualTo(2);
    assertThat(hs).hasSize(6);
    assertThat(hs.get(0).path("verdict").asText()).isEqualTo("DETERMINISTIC");
    assertThat(hs.get(1).path("detail").asText()).contains("byte offset").contains("event index 6")
        .contains("\"12345678901234567890\" is out of range for int64");
    assertThat(hs.get(2).path("detail").asText()).contains("event index 6").contains("is not an integer");
    assertThat(hs.get(3).path("detail").asText()).contains("month 13 is not in 1..12");
    assertThat(hs.get(4).path("detail").asText()).contains("a second JSON document follows the history");
    for (int i = 1; i < 5; i++) {
      assertThat(hs.get(i).path("verdict").asText()).isEqualTo("BAD_INPUT");
      assertThat(hs.get(i).path("detail").asText()).doesNotContain("\n");
    }
    assertThat(hs.get(5).path("verdict").asText()).isEqualTo("DETERMINISTIC");
  }

  @Test
  void anArrayOfHistoriesGivesOneVerdictPerHistory() throws Exception {
    String json = Files.readString(FIXTURES.resolve("greeting.json")).strip();
    Path f = tmp.resolve("history.java.1.0.json");
    Files.writeString(f, "[" + json + ",\n" + json.replace("\"eventId\": \"7\"", "\"eventId\": \"8\"") + ",\n" + json + "]");

    Run r = run("--json", f.toString());

    JsonNode hs = json(r).path("histories");
    assertThat(hs).hasSize(3);
    assertThat(hs.get(0).path("source").asText()).isEqualTo(f + "[0]");
    assertThat(hs.get(0).path("verdict").asText()).isEqualTo("DETERMINISTIC");
    assertThat(hs.get(0).path("format").asText()).isEqualTo("JSON (array of histories)");
    assertThat(hs.get(1).path("verdict").asText()).isEqualTo("BAD_INPUT");
    assertThat(hs.get(1).path("detail").asText()).startsWith(f + "[1]: ").contains("expected 7 but found 8");
    assertThat(hs.get(2).path("verdict").asText()).isEqualTo("DETERMINISTIC");
    assertThat(r.exit()).isEqualTo(2);
  }

  @Test
  void anExistingNameWithGlobCharactersIsTakenLiterally() throws Exception {
    Path f = tmp.resolve("greeting[1]{a,b}.json");
    Files.copy(FIXTURES.resolve("greeting.json"), f);

    Run r = run("--json", f.toString());

    assertThat(r.exit()).as(r.out() + r.err()).isZero();
    assertThat(json(r).path("histories").get(0).path("source").asText()).isEqualTo(f.toString());
  }

  @Test
  void dashReadsStandardInput() throws Exception {
    java.io.InputStream saved = System.in;
    try {
      System.setIn(new java.io.ByteArrayInputStream(Files.readAllBytes(FIXTURES.resolve("greeting.json.gz"))));
      Run r = run("--json", "-");

      assertThat(r.exit()).as(r.out() + r.err()).isZero();
      JsonNode h = json(r).path("histories").get(0);
      assertThat(h.path("source").asText()).isEqualTo("-");
      assertThat(h.path("format").asText()).isEqualTo("JSON+gzip");
    } finally {
      System.setIn(saved);
    }
  }

  @Test
  void aNamedPipeIsReadLikeAFile() throws Exception {
    Path fifo = tmp.resolve("history.fifo");
    org.junit.jupiter.api.Assumptions.assumeTrue(
        new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor() == 0, "mkfifo is available");
    byte[] json = Files.readAllBytes(FIXTURES.resolve("greeting.json"));
    Thread writer = new Thread(() -> {
      try {
        Files.write(fifo, json);
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    });
    writer.start();

    Run r = run("--json", fifo.toString());
    writer.join(10_000);

    assertThat(r.exit()).as(r.out() + r.err()).isZero();
    assertThat(json(r).path("histories").get(0).path("bytes").asLong()).isEqualTo(json.length);
  }

  @Test
  void replayFailureGivesTheRootCauseAndTheIdsOnOneLineEach() throws Exception {
    String failing = "dev.loadharness.runtime.replay.fixtures.FailingGreetingWorkflowImpl";
    Run text = run("--workflow-class", failing, FIXTURES.resolve("greeting.json").toString());
    Run doc = run("--json", "--workflow-class", failing, FIXTURES.resolve("greeting.json").toString());

    assertThat(text.exit()).isEqualTo(1);
    assertThat(text.out()).contains("  cause: IllegalStateException: String value length (20000001) exceeds the maximum allowed (20000000)\n")
        .containsPattern("  in: Failure handling event 4 of type 'EVENT_TYPE_WORKFLOW_TASK_COMPLETED' during replay\\. "
            + "\\{WorkflowTaskStartedEventId=\\d+, CurrentStartedEventId=3\\} workflow_id=greeting run_id=\\S+\n");
    JsonNode h = json(doc).path("histories").get(0);
    assertThat(h.path("verdict").asText()).isEqualTo("REPLAY_FAILED");
    assertThat(h.path("detail").asText()).startsWith("IllegalStateException: String value length").doesNotContain("\n");
  }

  @Test
  void aWorkflowThreadHeldLongerThanTheSdkDeadlockTimeoutIsNotAReplayFailure() throws Exception {
    // On a loaded machine a workflow thread can go without CPU for over a second; with the SDK's default
    // deadlock detection (1 s) that was REPLAY_FAILED "PotentialDeadlockException" for correct code.
    String slow = "dev.loadharness.runtime.replay.fixtures.SlowGreetingWorkflowImpl";
    Run r = run("--json", "--workflow-class", slow, FIXTURES.resolve("greeting.json").toString());

    assertThat(r.exit()).as(r.out() + r.err()).isZero();
    assertThat(json(r).path("histories").get(0).path("verdict").asText()).isEqualTo("DETERMINISTIC");
  }

  @Test
  void anUnwritableMetricsFileIsANoteAndTheReportStillComesOut() throws Exception {
    Path blocker = Files.writeString(tmp.resolve("not-a-dir"), "x");

    Run r = run("--json", "--metrics", blocker.resolve("m.json").toString(), FIXTURES.resolve("greeting.json").toString());

    assertThat(r.exit()).isEqualTo(2);
    JsonNode doc = json(r);
    assertThat(doc.path("histories").get(0).path("verdict").asText()).isEqualTo("DETERMINISTIC");
    assertThat(doc.path("notes").get(0).asText()).contains("could not be written");
  }
}
