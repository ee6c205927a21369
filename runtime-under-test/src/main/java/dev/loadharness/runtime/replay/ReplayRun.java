package dev.loadharness.runtime.replay;

import dev.loadharness.runtime.history.DecodeSummary;
import dev.loadharness.runtime.history.HistoryCollector;
import dev.loadharness.runtime.history.HistoryDecodeException;
import dev.loadharness.runtime.history.HistoryDecoder;
import dev.loadharness.runtime.history.HistoryStats;
import io.temporal.api.enums.v1.EventType;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
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
    List<Future<HistoryOutcome>> futures = new ArrayList<>();
    List<HistoryFiles.Expansion> expansions = new ArrayList<>();
    int known = targets.size();
    for (String arg : fileArgs) {
      HistoryFiles.Expansion e = HistoryFiles.expand(arg);
      expansions.add(e);
      known += e.files().size();
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
        futures.add(pool.submit(() -> report(badInput(arg, "", e.problem()), false)));
      }
      for (Path file : e.files()) {
        futures.add(pool.submit(() -> report(file(file), false)));
      }
    }
    List<LiveTarget> live = new ArrayList<>(targets);
    if (query != null) {
      try {
        LiveHistoryFetcher.Listed listed = fetcher.list(query, limit);
        notes.accept("query \"" + query + "\" matched " + listed.targets().size() + " executions (limit " + limit
            + ", listed via " + listed.via() + ")");
        live.addAll(listed.targets());
      } catch (HistoryDecodeException e) {
        futures.add(pool.submit(() -> report(badInput("query:" + query, "", e.getMessage()), false)));
      }
    }
    for (LiveTarget t : live) {
      futures.add(pool.submit(() -> report(live(t), true)));
    }
    List<HistoryOutcome> outcomes = new ArrayList<>();
    for (Future<HistoryOutcome> f : futures) {
      try {
        outcomes.add(f.get());
      } catch (ExecutionException e) {
        throw new IllegalStateException("replay task failed unexpectedly", e.getCause());
      }
    }
    return outcomes;
  }

  private HistoryOutcome report(HistoryOutcome o, boolean fetched) {
    metrics.record(o, fetched);
    listener.completed(o);
    return o;
  }

  private HistoryOutcome file(Path file) throws InterruptedException {
    HistoryCollector collector = new HistoryCollector(!options.decodeOnly());
    long t0 = System.nanoTime();
    DecodeSummary summary;
    try (InputStream in = Files.newInputStream(file)) {
      summary = decoder.decode(in, collector);
    } catch (HistoryDecodeException e) {
      return badInput(file.toString(), "", e.getMessage());
    } catch (IOException e) {
      return badInput(file.toString(), "", "unreadable: " + e);
    }
    long decode = System.nanoTime() - t0;
    String format = summary.format() + (summary.gzip() ? "+gzip" : "");
    String id = collector.stats().workflowId().isEmpty() ? baseName(file) : collector.stats().workflowId();
    return finish(file.toString(), id, format, collector, summary.bytes(), 0, decode);
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
    ReplayEngine engine = engine();
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
      throw new IllegalStateException("replay workers could not be created: " + e.getCause(), e.getCause());
    }
  }

  private static HistoryOutcome badInput(String source, String workflowId, String why) {
    return new HistoryOutcome(source, workflowId, "", "", 0, 0, 0, 0, 0, Verdict.BAD_INPUT, null,
        source + ": " + why, Map.of(), "", "");
  }

  private static String baseName(Path file) {
    String name = file.getFileName().toString();
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
