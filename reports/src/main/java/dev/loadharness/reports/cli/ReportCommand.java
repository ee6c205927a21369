package dev.loadharness.reports.cli;

import dev.loadharness.reports.jmh.JmhResult;
import dev.loadharness.reports.jmh.JmhResults;
import dev.loadharness.reports.record.RunRecord;
import dev.loadharness.reports.record.RunRecordException;
import dev.loadharness.reports.record.RunRecords;
import dev.loadharness.reports.run.RunReport;
import dev.loadharness.reports.trend.Finding;
import dev.loadharness.reports.trend.RegressionDetector;
import dev.loadharness.reports.trend.RegressionReport;
import dev.loadharness.reports.trend.RegressionRule;
import dev.loadharness.reports.trend.StoredRun;
import dev.loadharness.reports.trend.StoreProblem;
import dev.loadharness.reports.trend.TrendKey;
import dev.loadharness.reports.trend.TrendReports;
import dev.loadharness.reports.trend.TrendStore;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code report}: renders run reports, appends runs and JMH results to the trend store, renders trend pages.
 *
 * <p>Exit codes: 0 done; 1 a regression was found and {@code --fail-on-regression} was given; 2 some input
 * could not be read (the rest was still rendered) or the command line was wrong.
 */
@Command(name = "report", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Render run reports (report.html in each run directory), append runs and JMH results to the "
        + "trend store, render trend pages, and judge the latest runs for regressions.",
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:done", "1:regression found with --fail-on-regression",
        "2:bad input (named on stderr; everything else was still rendered) or bad usage"})
public final class ReportCommand implements Callable<Integer> {

  /** Exit code for a regression with {@code --fail-on-regression}. */
  public static final int EXIT_REGRESSION = 1;
  /** Exit code for unreadable input. */
  public static final int EXIT_BAD_INPUT = 2;

  @Spec CommandSpec spec;

  @Parameters(paramLabel = "RUN_DIR", arity = "0..*",
      description = "Run directories (or run.json files) to render a report for; a --compare directory stands "
          + "for the runs in it.")
  List<Path> runDirs = new ArrayList<>();

  @Option(names = "--trend", description = "Render the trend pages and index of the store.")
  boolean trend;

  @Option(names = "--store", paramLabel = "DIR",
      description = "Trend store directory (default: $TLH_TREND_STORE, else ~/.cache/temporal-load-harness/trends).")
  Path store;

  @Option(names = "--append", description = "Append the given runs (and --jmh files) to the trend store.")
  boolean append;

  @Option(names = "--jmh", paramLabel = "FILE", description = "A JMH -rf json result file to append with --append.")
  List<Path> jmhFiles = new ArrayList<>();

  @Option(names = "--machine", paramLabel = "NAME",
      description = "Machine class for --jmh results (default: $TLH_MACHINE, else this host and its CPU count).")
  String machine;

  @Option(names = "--baseline", paramLabel = "RUN_DIR",
      description = "Run to diff settings against (default: the latest earlier comparable run in the store).")
  Path baseline;

  @Option(names = "--window", paramLabel = "K", defaultValue = "7",
      description = "Comparable runs forming the regression baseline (default: ${DEFAULT-VALUE}).")
  int window;

  @Option(names = "--fail-on-regression", description = "Exit 1 when a judged run or JMH set regressed.")
  boolean failOnRegression;

  @Option(names = "--jmh-advisory",
      description = "Report JMH regressions without failing on them (for --quick scores, too short to gate on).")
  boolean jmhAdvisory;

  private final Map<String, String> env;
  private final String userHome;

  /** Creates the command reading the store location from the process environment. */
  public ReportCommand() {
    this(System.getenv(), System.getProperty("user.home"));
  }

  /** Creates the command with an explicit environment (for tests). */
  public ReportCommand(Map<String, String> env, String userHome) {
    this.env = env;
    this.userHome = userHome;
  }

  /** Runs the command line and returns the exit code. */
  public static int run(String[] args, Map<String, String> env, String userHome, PrintWriter out, PrintWriter err) {
    CommandLine cli = new CommandLine(new ReportCommand(env, userHome));
    cli.setOut(out);
    cli.setErr(err);
    cli.setExitCodeExceptionMapper(e -> EXIT_BAD_INPUT);
    cli.setParameterExceptionHandler((e, a) -> {
      err.println("report: " + e.getMessage());
      e.getCommandLine().usage(err);
      return EXIT_BAD_INPUT;
    });
    return cli.execute(args);
  }

  /** Entry point for {@code scripts/report}. */
  public static void main(String[] args) {
    PrintWriter out = new PrintWriter(System.out, true);
    PrintWriter err = new PrintWriter(System.err, true);
    System.exit(run(args, System.getenv(), System.getProperty("user.home"), out, err));
  }

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (runDirs.isEmpty() && !trend && jmhFiles.isEmpty()) {
      throw new CommandLine.ParameterException(spec.commandLine(), "give RUN_DIR(s), --trend or --jmh FILE");
    }
    if (!jmhFiles.isEmpty() && !append) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--jmh only makes sense with --append");
    }
    RegressionRule rule;
    try {
      rule = RegressionRule.DEFAULT.withWindow(window);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--window: " + e.getMessage());
    }
    TrendStore trendStore = TrendStore.at(TrendStore.location(store, env, userHome));
    boolean badInput = false;
    boolean regressed = false;
    RegressionDetector detector = new RegressionDetector(rule);

    RunRecord baselineRecord = null;
    if (baseline != null) {
      try {
        baselineRecord = RunRecords.read(baseline);
      } catch (RunRecordException e) {
        err.println("error: baseline " + e.getMessage());
        badInput = true;
      }
    }
    List<StoredRun> stored = new ArrayList<>(
        Files.isDirectory(trendStore.root()) ? trendStore.runs().runs() : List.of());
    for (Path dir : expand(runDirs)) {
      RunRecord run;
      try {
        run = RunRecords.read(dir);
      } catch (RunRecordException e) {
        err.println("error: " + e.getMessage() + " (skipped; other runs are still rendered)");
        badInput = true;
        continue;
      }
      List<RunRecord> earlier = stored.stream().filter(s -> s.key().equals(TrendKey.of(run)))
          .map(StoredRun::record).filter(r -> r.startedAt().isBefore(run.startedAt())).toList();
      RunRecord base = baselineRecord != null ? baselineRecord : earlier.isEmpty() ? null : earlier.get(earlier.size() - 1);
      Path runDir = Files.isDirectory(dir) ? dir : dir.toAbsolutePath().getParent();
      Path report = RunReport.write(runDir, run, base);
      out.println("run report: " + report + " (verdict " + run.verdict().json() + ")");
      if (append) {
        try {
          StoredRun s = trendStore.append(run);
          out.println("stored: " + s.dir());
          if (stored.stream().noneMatch(r -> r.dir().equals(s.dir()))) {
            stored.add(s); // a later run of the same batch (a --compare round) is judged against this one
          }
        } catch (IllegalStateException | RunRecordException e) {
          err.println("error: " + e.getMessage());
          badInput = true;
        }
        RegressionReport r = detector.check(run, earlier);
        TrendKey key = TrendKey.of(run);
        regressed |= print(out, "run " + run.runId() + " [" + key.label() + ", key " + key.hash() + "]", r);
      }
    }
    for (Path file : jmhFiles) {
      try {
        List<JmhResult> results = JmhResults.read(file);
        var set = trendStore.appendJmh(results, machine != null ? machine : TrendStore.localMachine(env), Instant.now());
        out.println("stored JMH results: " + set.file() + " (" + results.size() + " benchmarks)");
      } catch (RunRecordException | IllegalStateException e) {
        err.println("error: " + e.getMessage());
        badInput = true;
      }
    }
    if (trend) {
      TrendReports.Result result = TrendReports.renderAll(trendStore, rule);
      for (StoreProblem p : result.problems()) {
        err.println("error: " + p.message() + " (left out of the trend pages)");
        badInput = true;
      }
      result.pages().forEach(p -> out.println("trend page: " + p));
      out.println("trend index: " + result.index());
      for (RegressionReport r : result.latestRuns()) {
        regressed |= print(out, "latest run " + r.subject(), r);
      }
      for (RegressionReport r : result.latestJmh()) {
        boolean jmhRegressed = print(out, r.subject() + (jmhAdvisory ? " (advisory)" : ""), r);
        regressed |= jmhRegressed && !jmhAdvisory;
      }
    }
    if (badInput) {
      return EXIT_BAD_INPUT;
    }
    return regressed && failOnRegression ? EXIT_REGRESSION : 0;
  }

  /**
   * The run directories to read: each argument as given, except a directory without a run.json whose
   * immediate subdirectories hold run records (the directory {@code scripts/load --compare} writes), which
   * stands for those subdirectories.
   */
  static List<Path> expand(List<Path> args) {
    List<Path> dirs = new ArrayList<>();
    for (Path arg : args) {
      if (Files.isDirectory(arg) && !Files.exists(arg.resolve(RunRecords.FILE_NAME))) {
        try (var children = Files.list(arg)) {
          List<Path> runs = children.filter(c -> Files.isRegularFile(c.resolve(RunRecords.FILE_NAME))).sorted().toList();
          if (!runs.isEmpty()) {
            dirs.addAll(runs);
            continue;
          }
        } catch (java.io.IOException e) {
          // fall through: reading the argument itself names the file and the cause
        }
      }
      dirs.add(arg);
    }
    return dirs;
  }

  private static boolean print(PrintWriter out, String subject, RegressionReport report) {
    List<Finding> regressions = report.regressions();
    if (regressions.isEmpty()) {
      long judged = report.findings().stream().filter(f -> f.status() != Finding.Status.INSUFFICIENT_HISTORY).count();
      out.println(subject + ": no regression (" + judged + " of " + report.findings().size()
          + " metrics had enough history to judge)");
      return false;
    }
    out.println("REGRESSION " + subject + ": " + regressions.size() + " metric(s) moved the wrong way");
    regressions.forEach(f -> out.println("  " + f.describe()));
    return true;
  }
}
