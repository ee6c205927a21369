package dev.loadharness.runtime.replay;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import dev.loadharness.runtime.history.HistoryDecoder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * {@code scripts/replay}: replays workflow histories against registered implementations and gives a verdict.
 *
 * <p>The command line is declared with picocli's programmatic API rather than annotations: reading the
 * annotations makes the JVM generate a proxy class per annotation type and parse every annotation, tens of
 * milliseconds on the path of every run before the first history is read (issue 17), and proxies cannot
 * be put in a class-data archive.
 */
public final class ReplayCommand implements Callable<Integer> {

  private final CommandSpec spec = CommandSpec.wrapWithoutInspection(this);

  List<String> sources;
  List<String> workflowIds;
  String runId;
  String query;
  int limit;
  String address;
  String namespace;
  Path temporalCli;
  boolean fetchWithCli;
  List<Path> classpath;
  List<String> workflowClasses;
  int parallelism;
  boolean decodeOnly;
  boolean json;
  Path metrics;

  private ReplayCommand() {
    spec.name("replay").exitCodeOnInvalidInput(2).exitCodeOnExecutionException(2);
    spec.usageMessage().sortOptions(false).description(
        "Replays Temporal workflow histories against workflow implementations and reports whether "
            + "the code is deterministic for them.",
        "Exit codes: 0 all deterministic (or all decoded with --decode-only); 1 at least one nondeterminism or "
            + "replay failure; 2 bad input (and no nondeterminism): unreadable/corrupt file, not a history, "
            + "unknown workflow type, bad option.");
    spec.addPositional(PositionalParamSpec.builder().paramLabel("SOURCE").arity("0..*").index("0..*")
        .type(List.class).auxiliaryTypes(String.class)
        .description("History files (JSON, JSON.gz, binary protobuf History; format found from the bytes), directories, globs.")
        .build());
    spec.addOption(option("--workflow-id", List.class, String.class).paramLabel("ID")
        .description("Fetch this execution's history from the server (repeatable).").build());
    spec.addOption(option("--run-id", String.class).paramLabel("RUN").defaultValue("")
        .description("Run id, with a single --workflow-id (default: latest run).").build());
    spec.addOption(option("--query", String.class).paramLabel("QUERY")
        .description("Visibility query selecting executions to fetch, e.g. \"WorkflowType='Order'\".").build());
    spec.addOption(option("--limit", int.class).paramLabel("<limit>").defaultValue("100")
        .description("At most this many executions from --query (default: ${DEFAULT-VALUE}).").build());
    spec.addOption(option("--address", String.class).paramLabel("<address>").defaultValue("${env:TEMPORAL_ADDRESS:-127.0.0.1:7233}")
        .description("Frontend host:port (default: ${DEFAULT-VALUE}).").build());
    spec.addOption(option("--namespace", String.class).paramLabel("<namespace>").defaultValue("${env:TEMPORAL_NAMESPACE:-default}")
        .description("Namespace (default: ${DEFAULT-VALUE}).").build());
    spec.addOption(option("--temporal-cli", Path.class).paramLabel("PATH")
        .description("Temporal CLI for the fallback (default: 'temporal' on PATH).").build());
    spec.addOption(option("--fetch-with-cli", boolean.class).arity("0")
        .description("Fetch live histories with the Temporal CLI even if WorkflowService is reachable.").build());
    spec.addOption(option("--classpath", List.class, Path.class).paramLabel("JARS").splitRegex(":")
        .description("Jars/directories with workflow implementations (':'-separated, repeatable).").build());
    spec.addOption(option("--workflow-class", List.class, String.class).paramLabel("CLASS").splitRegex(",")
        .description("Workflow implementation classes to replay against (default: all WorkflowCatalog implementations found).").build());
    spec.addOption(option("--parallelism", int.class).paramLabel("<parallelism>").defaultValue("0")
        .description("Histories decoded/replayed at once (default: available processors).").build());
    spec.addOption(option("--decode-only", boolean.class).arity("0").description("Validate and summarise histories without replaying them.").build());
    spec.addOption(option("--json", boolean.class).arity("0").description("Print one JSON document instead of text.").build());
    spec.addOption(option("--metrics", Path.class).paramLabel("FILE")
        .description("Write the histograms: HdrHistogram log if FILE ends in .hlog, else JSON.").build());
    spec.addOption(OptionSpec.builder("-h", "--help").usageHelp(true).description("Show this help message and exit.").build());
    spec.addOption(OptionSpec.builder("-V", "--version").versionHelp(true).description("Print version information and exit.").build());
  }

  private OptionSpec.Builder option(String name, Class<?> type, Class<?>... elementTypes) {
    OptionSpec.Builder b = OptionSpec.builder(name).type(type);
    if (elementTypes.length > 0) {
      b.auxiliaryTypes(elementTypes);
    }
    return b;
  }

  /** A new replay command's command line (options, help, exit codes for bad input). */
  public static CommandLine commandLine() {
    return new CommandLine(new ReplayCommand().spec);
  }

  private <T> T value(String option) {
    return spec.findOption(option).getValue();
  }

  /** Copies the parsed values (defaults applied) into the fields the run reads. */
  private void readOptions() {
    List<String> positional = spec.positionalParameters().get(0).getValue();
    sources = positional == null ? new ArrayList<>() : positional;
    workflowIds = orEmpty(value("--workflow-id"));
    runId = value("--run-id");
    query = value("--query");
    limit = value("--limit");
    address = value("--address");
    namespace = value("--namespace");
    temporalCli = value("--temporal-cli");
    fetchWithCli = Boolean.TRUE.equals(value("--fetch-with-cli"));
    classpath = orEmpty(value("--classpath"));
    workflowClasses = orEmpty(value("--workflow-class"));
    parallelism = value("--parallelism");
    decodeOnly = Boolean.TRUE.equals(value("--decode-only"));
    json = Boolean.TRUE.equals(value("--json"));
    metrics = value("--metrics");
  }

  private static <T> List<T> orEmpty(List<T> list) {
    return list == null ? new ArrayList<>() : list;
  }

  /** Runs the command line and exits with its code. */
  public static void main(String[] args) {
    if (System.getProperty("logback.configurationFile") == null) {
      // Set before the first logger exists; -Dlogback.configurationFile=... still wins.
      System.setProperty("logback.configurationFile", "dev/loadharness/runtime/replay/replay-logback.xml");
    }
    // Both one-time initialisations (the decoder's protobuf descriptors, the SDK's worker classes) start on
    // their own threads now, so they overlap with picocli parsing the command line instead of following it.
    if (args.length > 0 && !asksForHelp(args)) {
      Thread warmUp = new Thread(HistoryDecoder::warmUp, "replay-decoder-warm-up");
      warmUp.setDaemon(true);
      warmUp.start();
      if (!Arrays.asList(args).contains("--decode-only")) {
        ReplayEngine.prepareEarly();
      }
    }
    System.exit(commandLine().execute(args));
  }

  private static boolean asksForHelp(String[] args) {
    for (String a : args) {
      if (a.equals("--help") || a.equals("-h") || a.equals("--version") || a.equals("-V")) {
        return true;
      }
    }
    return false;
  }

  @Override
  public Integer call() throws Exception {
    readOptions();
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (sources.isEmpty() && workflowIds.isEmpty() && query == null) {
      err.println("replay: nothing to replay: give history files/directories/globs, --workflow-id or --query");
      return 2;
    }
    if (!runId.isEmpty() && workflowIds.size() != 1) {
      err.println("replay: --run-id needs exactly one --workflow-id, got " + workflowIds.size());
      return 2;
    }
    int threads = parallelism == 0 ? Runtime.getRuntime().availableProcessors() : parallelism;
    if (threads < 1 || threads > 256) {
      err.println("replay: --parallelism must be 1..256, got " + parallelism);
      return 2;
    }
    ReplayOptions options;
    try {
      options = new ReplayOptions(decodeOnly, threads, decodeOnly ? null : WorkflowImplementations.load(classpath, workflowClasses),
          needsServer() ? new ServerAccess(address, namespace, findCli(), fetchWithCli, explicitConnectionArgs()) : null);
    } catch (IllegalArgumentException e) {
      err.println("replay: " + e.getMessage());
      return 2;
    }
    ReplayMetrics histograms = new ReplayMetrics();
    java.util.concurrent.atomic.AtomicInteger done = new java.util.concurrent.atomic.AtomicInteger();
    // With --json stdout carries only the final document; progress goes to stderr so long batches show life.
    ReplayRun.Listener printer = json ? o -> {
      int n = done.incrementAndGet();
      if (n % 100 == 0) {
        synchronized (err) {
          err.println("replay: " + n + " histories done");
          err.flush();
        }
      }
    } : o -> {
      synchronized (out) {
        HumanFormat.print(out, o);
        out.flush();
      }
    };
    List<HistoryOutcome> outcomes;
    List<String> notes = new ArrayList<>();
    try (ReplayRun run = new ReplayRun(options, histograms, printer)) {
      outcomes = run.execute(sources, workflowIds.isEmpty() ? List.of() : targets(), query, limit, notes::add);
    }
    int exit = exitCode(outcomes);
    if (metrics != null) {
      try {
        histograms.write(metrics);
      } catch (java.io.IOException | RuntimeException e) {
        // The report still comes out (the --json document complete); the run counts as an environment error.
        notes.add("--metrics " + metrics + " could not be written: " + e);
        exit = Math.max(exit, 2);
        metrics = null;
      }
    }
    if (json) {
      Map<String, Object> doc = new LinkedHashMap<>();
      doc.put("schema", 1);
      doc.put("exit_code", exit);
      doc.put("counts", counts(outcomes));
      doc.put("notes", notes);
      doc.put("metrics", histograms.summary());
      doc.put("histories", outcomes);
      out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(doc));
    } else {
      notes.forEach(n -> out.println("note: " + n));
      out.printf("%d histories: %s; exit %d%n", outcomes.size(), counts(outcomes), exit);
      histograms.printSummary(out);
      if (metrics != null) {
        out.println("metrics written to " + metrics);
      }
    }
    out.flush();
    return exit;
  }

  /** 1 if any history is nondeterministic or failed replay, else 2 if any was bad input, else 0. */
  static int exitCode(List<HistoryOutcome> outcomes) {
    boolean bad = false;
    for (HistoryOutcome o : outcomes) {
      if (o.verdict() == Verdict.NONDETERMINISTIC || o.verdict() == Verdict.REPLAY_FAILED) {
        return 1;
      }
      bad |= o.verdict() == Verdict.BAD_INPUT;
    }
    return bad ? 2 : 0;
  }

  private static Map<String, Integer> counts(List<HistoryOutcome> outcomes) {
    Map<String, Integer> c = new LinkedHashMap<>();
    for (HistoryOutcome o : outcomes) {
      c.merge(o.verdict().name().toLowerCase(java.util.Locale.ROOT), 1, Integer::sum);
    }
    return c;
  }

  private boolean needsServer() {
    return !workflowIds.isEmpty() || query != null;
  }

  private List<String> explicitConnectionArgs() {
    List<String> args = new ArrayList<>();
    CommandLine.ParseResult parsed = spec.commandLine().getParseResult();
    if (parsed.hasMatchedOption("--address")) {
      args.addAll(List.of("--address", address));
    }
    if (parsed.hasMatchedOption("--namespace")) {
      args.addAll(List.of("--namespace", namespace));
    }
    return args;
  }

  private List<LiveTarget> targets() {
    List<LiveTarget> t = new ArrayList<>();
    for (String id : workflowIds) {
      t.add(new LiveTarget(id, runId));
    }
    return t;
  }

  private Optional<Path> findCli() {
    if (temporalCli != null) {
      if (!Files.isExecutable(temporalCli)) {
        throw new IllegalArgumentException("--temporal-cli " + temporalCli + ": not an executable file");
      }
      return Optional.of(temporalCli);
    }
    String path = System.getenv("PATH");
    if (path == null) {
      return Optional.empty();
    }
    for (String dir : path.split(java.io.File.pathSeparator)) {
      Path candidate = Paths.get(dir, "temporal");
      if (Files.isExecutable(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }
}
