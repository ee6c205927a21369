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
import picocli.CommandLine;

class ReplayCommandTest {

  static final Path FIXTURES = Paths.get("src/test/resources/histories");
  static final String CHANGED = "dev.loadharness.runtime.replay.fixtures.ChangedGreetingWorkflowImpl";

  @TempDir
  Path tmp;

  record Run(int exit, String out, String err) {}

  static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit = new CommandLine(new ReplayCommand()).setOut(new PrintWriter(out)).setErr(new PrintWriter(err)).execute(args);
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
}
