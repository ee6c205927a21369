package dev.loadharness.runtime.replay;

import dev.loadharness.runtime.history.DecodeSummary;
import dev.loadharness.runtime.history.HistoryCollector;
import dev.loadharness.runtime.history.HistoryDecodeException;
import dev.loadharness.runtime.history.HistoryDecoder;
import dev.loadharness.runtime.history.HistoryEventSink;
import dev.loadharness.runtime.history.HistoryHandler;
import dev.loadharness.runtime.history.HistoryStats;
import io.temporal.api.enums.v1.EventType;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * Fetches, decodes and replays a batch of histories on a bounded pool. A history that fails in any way
 * becomes an outcome of its own; it never stops the rest of the batch.
 */
public final class ReplayRun implements AutoCloseable {

  /** Told about each outcome as soon as it is known (from pool threads). */
  @FunctionalInterface
  public interface Listener {
    /** Called once per history. */
    void completed(HistoryOutcome outcome);
  }

  private final ReplayOptions options;
  private final ReplayMetrics metrics;
  private final Listener listener;
  private final HistoryDecoder decoder = new HistoryDecoder();
  private final ExecutorService pool;
  /**
   * Built on its own thread while the first histories decode: creating workers loads and initialises
   * much of the SDK, which on a cold JVM costs about as much as decoding a 1 MB history, so the two
   * overlap instead of adding up.
   */
  private CompletableFuture<ReplayEngine> engine;
  private final LiveHistoryFetcher fetcher;

  /** Creates a run; the server connection (if any) is made lazily, the replay engine in {@link #execute}. */
  public ReplayRun(ReplayOptions options, ReplayMetrics metrics, Listener listener) {
    this.options = options;
    this.metrics = metrics;
    this.listener = listener;
    this.pool = Executors.newFixedThreadPool(options.parallelism(), r -> {
      Thread t = new Thread(r, "replay");
      t.setDaemon(true);
      return t;
    });
    this.fetcher = options.server() == null ? null : new LiveHistoryFetcher(options.server());
  }

  /** Processes file arguments, live targets and a visibility query; returns outcomes in input order. */
  public List<HistoryOutcome> execute(List<String> fileArgs, List<LiveTarget> targets, String query, int limit,
      Consumer<String> notes) throws InterruptedException {
    List<Future<List<HistoryOutcome>>> futures = new ArrayList<>();
    List<String> names = new ArrayList<>();
    List<HistoryFiles.Expansion> expansions = new ArrayList<>();
    int known = targets.size();
    for (String arg : fileArgs) {
      HistoryFiles.Expansion e = HistoryFiles.expand(arg);
      expansions.add(e);
      known += e.inputs().size();
    }
    if (!options.decodeOnly()) {
      int workers = query != null ? options.parallelism() : Math.max(1, Math.min(options.parallelism(), known));
      engine = CompletableFuture.supplyAsync(() -> new ReplayEngine(options.implementations(), workers),
          r -> {
            Thread t = new Thread(r, "replay-engine-setup");
            t.setDaemon(true);
            t.start();
          });
    }
    for (int i = 0; i < fileArgs.size(); i++) {
      String arg = fileArgs.get(i);
      HistoryFiles.Expansion e = expansions.get(i);
      if (!e.problem().isEmpty()) {
        submit(futures, names, arg, () -> List.of(badInput(arg, "", e.problem())));
      }
      for (HistoryFiles.Input input : e.inputs()) {
        submit(futures, names, input.name(), () -> file(input));
      }
    }
    List<LiveTarget> live = new ArrayList<>(targets);
    if (query != null) {
      try {
        LiveHistoryFetcher.Listed listed = fetcher.list(query, limit);
        notes.accept("query \"" + query + "\" matched " + listed.targets().size() + " executions (limit " + limit
            + ", listed via " + listed.via() + ")");
        live.addAll(listed.targets());
      } catch (HistoryDecodeException | RuntimeException e) {
        submit(futures, names, "query:" + query, () -> List.of(badInput("query:" + query, "", e.getMessage())));
      }
    }
    for (LiveTarget t : live) {
      submit(futures, names, "live:" + t.display(), () -> List.of(live(t)));
    }
    List<HistoryOutcome> outcomes = new ArrayList<>();
    for (int i = 0; i < futures.size(); i++) {
      try {
        outcomes.addAll(futures.get(i).get());
      } catch (ExecutionException e) {
        // Only an Error gets here (tasks turn exceptions into outcomes); it is still this input's verdict.
        outcomes.add(report(badInput(names.get(i), "", "failed: " + oneLine(e.getCause())), false));
      }
    }
    return outcomes;
  }

  /** A task of the batch: its outcomes are reported as they come; any exception becomes its own verdict. */
  @FunctionalInterface
  private interface Task {
    List<HistoryOutcome> run() throws Exception;
  }

  private void submit(List<Future<List<HistoryOutcome>>> futures, List<String> names, String name, Task task) {
    names.add(name);
    futures.add(pool.submit(() -> {
      List<HistoryOutcome> outcomes;
      try {
        outcomes = task.run();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        outcomes = List.of(badInput(name, "", "interrupted"));
      } catch (Exception e) {
        outcomes = List.of(badInput(name, "", "failed: " + oneLine(e)));
      }
      boolean fetched = name.startsWith("live:");
      for (HistoryOutcome o : outcomes) {
        report(o, fetched);
      }
      return outcomes;
    }));
  }

  private HistoryOutcome report(HistoryOutcome o, boolean fetched) {
    metrics.record(o, fetched);
    listener.completed(o);
    return o;
  }

  /** What one history of a file came to while decoding. */
  private static final class Decoded {
    final HistoryCollector collector;
    final long startNanos;
    long decodeNanos;
    final boolean array;
    HistoryDecodeException rejected;
    boolean done;

    Decoded(HistoryCollector collector, boolean array) {
      this.collector = collector;
      this.array = array;
      this.startNanos = System.nanoTime();
    }
  }

  /**
   * Decodes a file (one history, or an array of histories each with its own verdict) and replays what
   * decoded. A file-level failure (unreadable, syntax, trailing content) is the verdict of a single-history
   * file; in an array of histories the histories completed before it keep theirs.
   */
  private List<HistoryOutcome> file(HistoryFiles.Input input) throws InterruptedException {
    List<Decoded> histories = new ArrayList<>();
    long t0 = System.nanoTime();
    DecodeSummary summary = null;
    String failure = null;
    try (InputStream in = input.open()) {
      summary = decoder.decodeAll(in, new HistoryHandler() {
        @Override
        public HistoryEventSink start(int index, boolean array) {
          Decoded d = new Decoded(new HistoryCollector(!options.decodeOnly()), array);
          histories.add(d);
          return d.collector;
        }

        @Override
        public void completed(int index, int events) {
          Decoded d = histories.get(index);
          d.decodeNanos = System.nanoTime() - d.startNanos;
          d.done = true;
        }

        @Override
        public void rejected(int index, HistoryDecodeException why) {
          Decoded d = histories.get(index);
          d.rejected = why;
          d.done = true;
        }
      });
    } catch (HistoryDecodeException e) {
      failure = e.getMessage();
    } catch (IOException e) {
      failure = "unreadable: " + e;
    }
    long decode = System.nanoTime() - t0;
    boolean array = summary != null ? summary.arrayOfHistories() : !histories.isEmpty() && histories.get(0).array;
    if (!array) {
      if (failure != null) {
        return List.of(badInput(input.name(), "", failure));
      }
      Decoded d = histories.get(0);
      String id = d.collector.stats().workflowId().isEmpty() ? baseName(input.name()) : d.collector.stats().workflowId();
      return List.of(finish(input.name(), id, format(summary), d.collector, summary.bytes(), 0, decode));
    }
    List<HistoryOutcome> outcomes = new ArrayList<>();
    for (int k = 0; k < histories.size(); k++) {
      Decoded d = histories.get(k);
      String name = input.name() + "[" + k + "]";
      if (d.rejected != null) {
        outcomes.add(badInput(name, "", d.rejected.getMessage()));
      } else if (!d.done) {
        outcomes.add(badInput(name, "", failure));
        failure = null;
      } else {
        String id = d.collector.stats().workflowId().isEmpty() ? baseName(input.name()) + "[" + k + "]"
            : d.collector.stats().workflowId();
        outcomes.add(finish(name, id, summary == null ? "JSON (array of histories)" : format(summary), d.collector,
            summary == null ? 0 : summary.bytes(), 0, d.decodeNanos));
      }
    }
    if (failure != null) {
      outcomes.add(badInput(input.name(), "", failure));
    }
    return outcomes;
  }

  private static String format(DecodeSummary summary) {
    return summary.format() + (summary.gzip() ? "+gzip" : "") + (summary.arrayOfHistories() ? " (array of histories)" : "");
  }

  private HistoryOutcome live(LiveTarget target) throws InterruptedException {
    HistoryCollector collector = new HistoryCollector(!options.decodeOnly());
    LiveHistoryFetcher.Fetched f;
    try {
      f = fetcher.fetch(target, collector);
    } catch (HistoryDecodeException e) {
      return badInput("live:" + target.display(), target.workflowId(), e.getMessage());
    }
    return finish("live:" + target.display(), target.workflowId(), f.via(), collector, f.bytes(), f.fetchNanos(), f.decodeNanos());
  }

  private HistoryOutcome finish(String source, String workflowId, String format, HistoryCollector collector,
      long bytes, long fetchNanos, long decodeNanos) throws InterruptedException {
    HistoryStats stats = collector.stats();
    Map<String, Integer> types = new LinkedHashMap<>();
    for (Map.Entry<EventType, Integer> e : stats.byType().entrySet()) {
      types.put(e.getKey().name(), e.getValue());
    }
    String first = stats.firstEventTime().map(Object::toString).orElse("");
    String last = stats.lastEventTime().map(Object::toString).orElse("");
    double fetchMs = fetchNanos / 1e6;
    double decodeMs = decodeNanos / 1e6;
    if (options.decodeOnly()) {
      return new HistoryOutcome(source, workflowId, stats.workflowType(), format, stats.events(), bytes, fetchMs,
          decodeMs, 0, Verdict.DECODED, null, "", types, first, last);
    }
    ReplayEngine engine;
    try {
      engine = engine();
    } catch (IllegalStateException e) {
      return new HistoryOutcome(source, workflowId, stats.workflowType(), format, stats.events(), bytes, fetchMs,
          decodeMs, 0, Verdict.BAD_INPUT, null, e.getMessage(), types, first, last);
    }
    if (!engine.implementations().serves(stats.workflowType())) {
      return new HistoryOutcome(source, workflowId, stats.workflowType(), format, stats.events(), bytes, fetchMs,
          decodeMs, 0, Verdict.BAD_INPUT, null, "unknown workflow type \"" + stats.workflowType()
              + "\": registered types are " + engine.implementations().typeNames() + " (from "
              + engine.implementations().origin() + ")", types, first, last);
    }
    long t0 = System.nanoTime();
    ReplayEngine.ReplayResult r = engine.replay(workflowId, collector.history());
    double replayMs = (System.nanoTime() - t0) / 1e6;
    String detail = r.verdict() == Verdict.NONDETERMINISTIC
        ? "workflow " + workflowId + " diverged at event " + r.divergence().eventId() : r.detail();
    return new HistoryOutcome(source, workflowId, stats.workflowType(), format, stats.events(), bytes, fetchMs,
        decodeMs, replayMs, r.verdict(), r.divergence(), detail, types, first, last);
  }

  private ReplayEngine engine() throws InterruptedException {
    try {
      return engine.get();
    } catch (ExecutionException e) {
      throw new IllegalStateException("replay workers could not be created: " + oneLine(e.getCause()), e.getCause());
    }
  }

  private static String oneLine(Throwable t) {
    String s = String.valueOf(t);
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }

  private static HistoryOutcome badInput(String source, String workflowId, String why) {
    return new HistoryOutcome(source, workflowId, "", "", 0, 0, 0, 0, 0, Verdict.BAD_INPUT, null,
        source + ": " + why, Map.of(), "", "");
  }

  private static String baseName(String path) {
    String name = path.substring(path.lastIndexOf('/') + 1);
    for (String ext : new String[] {".gz", ".json", ".binpb", ".pb", ".bin"}) {
      if (name.endsWith(ext)) {
        name = name.substring(0, name.length() - ext.length());
      }
    }
    return name;
  }

  @Override
  public void close() {
    pool.shutdownNow();
    if (engine != null) {
      engine.thenAccept(ReplayEngine::close);
    }
    if (fetcher != null) {
      fetcher.close();
    }
  }
}
