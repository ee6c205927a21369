package dev.loadharness.scenarios.spec;

import dev.loadharness.reports.record.Threshold;

import dev.loadharness.scenarios.catalog.WorkflowKind;
import dev.loadharness.scenarios.server.ServerCapability;
import dev.loadharness.scenarios.server.ServerKind;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Turns a {@link RawSpec} into a {@link ScenarioSpec}, collecting every problem (with its field path)
 * before failing, so one edit cycle fixes all of them.
 */
final class SpecValidator {
  private final List<String> problems = new ArrayList<>();

  static ScenarioSpec validate(String source, RawSpec raw) {
    SpecValidator v = new SpecValidator();
    ScenarioSpec spec = v.build(raw);
    if (!v.problems.isEmpty()) {
      throw new SpecException(source, v.problems);
    }
    return spec;
  }

  private AwaitMode await(String raw) {
    if (raw == null) {
      return AwaitMode.LONG_POLL;
    }
    Optional<AwaitMode> mode = AwaitMode.parse(raw);
    if (mode.isEmpty()) {
      problem("await", "\"" + raw + "\" is not an await mode; allowed: " + AwaitMode.choices());
    }
    return mode.orElse(AwaitMode.LONG_POLL);
  }

  /** The most workflows one run may start. */
  public static final int MAX_WORKFLOWS = 100_000;

  private ScenarioSpec build(RawSpec raw) {
    String name = text("name", raw.name());
    if (name != null && !name.matches("[a-z0-9][a-z0-9-]*")) {
      problem("name", "\"" + name + "\" must be lower-case letters, digits and dashes");
    }
    List<WorkloadEntry> mix = mix(raw.mix());
    Injection injection = injection(raw.injection());
    int workflows = workflows(raw.workflows(), injection);
    Duration warmUp = duration("warm_up", raw.warmUp(), Duration.ZERO);
    int warmUpWorkflows = raw.warmUpWorkflows() == null ? 0 : raw.warmUpWorkflows();
    if (warmUpWorkflows < 0) {
      problem("warm_up_workflows", "must be >= 0, got " + warmUpWorkflows);
    }
    Duration budget = duration("time_budget", raw.timeBudget(), null);
    if (budget != null && budget.isZero()) {
      problem("time_budget", "must be > 0");
    }
    if (warmUp != null && budget != null && warmUp.compareTo(budget) >= 0) {
      problem("warm_up", raw.warmUp() + " must be shorter than time_budget " + raw.timeBudget());
    }
    WorkerSettings workers = workers(raw.workers());
    String server = raw.server() == null ? ServerKind.AUTO : raw.server();
    if (!server.equals(ServerKind.AUTO)) {
      try {
        ServerKind.parse(server, "server");
      } catch (IllegalArgumentException e) {
        problem("server", "unknown server kind \"" + server + "\"; known: " + ServerKind.validChoices());
      }
    }
    Set<ServerCapability> requires = capabilities(raw.requires());
    List<ThresholdSpec> thresholds = thresholds(raw.thresholds());
    Regressions inject = Regressions.NONE;
    if (raw.inject() != null) {
      try {
        inject = Regressions.parse(raw.inject());
      } catch (IllegalArgumentException e) {
        // The message names the knob: "inject.<knob>: ..."
        String m = e.getMessage();
        int colon = m.indexOf(": ");
        problem(colon > 0 ? m.substring(0, colon) : "inject", colon > 0 ? m.substring(colon + 2) : m);
      }
    }
    if (workers != null && workers.runtime() == WorkerSettings.RuntimeMode.PLAIN_SDK
        && inject.workflowTaskDelayMs() > 0) {
      problem("inject.workflow_task_delay_ms", ScenarioSpec.plainSdkCannotDelay(inject.workflowTaskDelayMs()));
    }
    if (!problems.isEmpty()) {
      return null;
    }
    return new ScenarioSpec(name, raw.description() == null ? "" : raw.description(), workflows, mix, injection,
        warmUp, warmUpWorkflows, budget, workers, server, requires, thresholds, inject, await(raw.await()));
  }

  /**
   * How many workflows the injection starts. The closed model starts as many as complete in its duration,
   * so a count there would be ignored: it is refused. Constant-rate with a duration starts rate x duration:
   * a count may be given only if it agrees.
   */
  private int workflows(Integer raw, Injection injection) {
    if (injection == null) {
      return raw == null ? 0 : raw;
    }
    if (injection.model() == Injection.Model.CLOSED) {
      if (raw != null) {
        problem("workflows", raw + " is ignored by the closed model (it keeps injection.concurrency in flight for "
            + "injection.duration); remove it");
      }
      return 0;
    }
    if (injection.model() == Injection.Model.BACKLOG) {
      if (raw != null) {
        problem("workflows", raw + " is ignored by the backlog model (it keeps between injection.min_backlog and "
            + "max_backlog in flight for injection.duration); remove it");
      }
      return 0;
    }
    if (injection.model() == Injection.Model.EBB_AND_FLOW) {
      long offered = injection.wave().orElseThrow().arrivals(injection.duration());
      if (raw != null && raw != offered) {
        problem("workflows", raw + " disagrees with the " + offered + " the wave offers over injection.duration "
            + "(mean of min_rate and max_rate x duration); remove it or make it agree");
      }
      if (offered < 1) {
        problem("injection.max_rate", "the wave offers no workflow over injection.duration; allowed: a rate whose "
            + "mean with min_rate x duration is 1 or more");
        return 1;
      }
      return bounded(offered);
    }
    if (injection.model() == Injection.Model.CONSTANT_RATE && !injection.duration().isZero()) {
      long implied = Math.round(injection.rate() * injection.duration().toMillis() / 1000.0);
      if (raw != null && raw != implied) {
        problem("workflows", raw + " disagrees with injection.rate x injection.duration = " + implied
            + "; give the count or the duration, or make them agree");
      }
      return bounded(implied);
    }
    return bounded(positive("workflows", raw, null));
  }

  private int bounded(long workflows) {
    if (workflows > MAX_WORKFLOWS) {
      problem("workflows", workflows + " is more than " + MAX_WORKFLOWS + " workflows in one run (the driver keeps "
          + "every workflow's outcome in one JVM and the time budget must hold); split it into several runs");
      return MAX_WORKFLOWS;
    }
    return (int) workflows;
  }

  private List<WorkloadEntry> mix(List<RawSpec.RawMix> raw) {
    List<WorkloadEntry> mix = new ArrayList<>();
    if (raw == null || raw.isEmpty()) {
      problem("mix", "missing; give at least one {kind, weight}; kinds: " + WorkflowKind.known());
      return mix;
    }
    for (int i = 0; i < raw.size(); i++) {
      String path = "mix[" + i + "]";
      RawSpec.RawMix entry = raw.get(i);
      if (entry == null) {
        problem(path, "empty entry");
        continue;
      }
      int weight = positive(path + ".weight", entry.weight(), 1);
      if (entry.type() != null || entry.args() != null) {
        userType(path, entry, weight, mix);
        continue;
      }
      Optional<WorkflowKind> kind = WorkflowKind.of(entry.kind());
      if (kind.isEmpty()) {
        problem(path + ".kind", (entry.kind() == null
            ? "missing; a catalog kind, or type (a workflow type of your code) with args" : "unknown workflow kind \""
            + entry.kind() + "\"") + "; known: " + WorkflowKind.known());
      }
      Map<String, Integer> params = entry.params() == null ? Map.of() : entry.params();
      if (kind.isPresent()) {
        for (Map.Entry<String, Integer> p : params.entrySet()) {
          if (!kind.get().defaults().containsKey(p.getKey())) {
            problem(path + ".params." + p.getKey(), "unknown parameter of " + kind.get().id() + "; known: "
                + String.join(", ", new TreeSet<>(kind.get().defaults().keySet())));
          } else if (p.getValue() == null || p.getValue() < 0 && !kind.get().bounded(p.getKey())) {
            problem(path + ".params." + p.getKey(), "must be a whole number >= 0, got " + p.getValue());
          } else if (!kind.get().range(p.getKey()).contains(p.getValue())) {
            problem(path + ".params." + p.getKey(), p.getValue() + " is out of range for " + kind.get().id()
                + "; allowed " + kind.get().range(p.getKey()));
          }
        }
        if (weight > 0 && problems.isEmpty()) {
          mix.add(new WorkloadEntry(kind.get(), weight, kind.get().resolve(params)));
        }
      }
    }
    return mix;
  }

  /** A user's workflow type: a type name, no catalog kind or params, arguments with valid variables. */
  private void userType(String path, RawSpec.RawMix entry, int weight, List<WorkloadEntry> mix) {
    if (entry.type() == null || entry.type().isBlank()) {
      problem(path + ".type", "missing; the workflow type name your workers register (args are for a user's type)");
    }
    if (entry.kind() != null) {
      problem(path + ".kind", "give kind (a catalog kind) or type (your workflow type), not both");
    }
    if (entry.params() != null) {
      problem(path + ".params", "params belong to catalog kinds; a user's type takes args");
    }
    InputTemplate input = InputTemplate.parse(path + ".args", entry.args(), problems);
    if (problems.isEmpty()) {
      mix.add(WorkloadEntry.userType(entry.type(), weight, input));
    }
  }

  private Injection injection(RawSpec.RawInjection raw) {
    String known = Arrays.stream(Injection.Model.values()).map(Injection.Model::id).collect(Collectors.joining(", "));
    if (raw == null || raw.model() == null) {
      problem("injection.model", "missing; known: " + known);
      return null;
    }
    Optional<Injection.Model> model =
        Arrays.stream(Injection.Model.values()).filter(m -> m.id().equals(raw.model())).findFirst();
    if (model.isEmpty()) {
      problem("injection.model", "unknown model \"" + raw.model() + "\"; known: " + known);
      return null;
    }
    if (model.get().waved()) {
      return waved(model.get(), raw);
    }
    for (String[] field : new String[][] {{"min_rate", str(raw.minRate())}, {"max_rate", str(raw.maxRate())},
        {"min_backlog", str(raw.minBacklog())}, {"max_backlog", str(raw.maxBacklog())}, {"period", raw.period()}}) {
      if (field[1] != null) {
        problem("injection." + field[0], field[1] + " is ignored by the " + model.get().id() + " model (min_rate, "
            + "max_rate and period are for ebb-and-flow; min_backlog, max_backlog and period for backlog); remove it");
      }
    }
    Duration duration = model.get() == Injection.Model.AT_ONCE
        ? Duration.ZERO
        : duration("injection.duration", raw.duration(), model.get() == Injection.Model.CONSTANT_RATE ? Duration.ZERO : null);
    double rate = 0;
    if (model.get() == Injection.Model.CONSTANT_RATE) {
      if (raw.rate() == null || !(raw.rate() > 0)) {
        problem("injection.rate", "constant-rate needs rate > 0 (workflows per second), got " + raw.rate());
      } else {
        rate = raw.rate();
      }
    }
    int concurrency = model.get() == Injection.Model.CLOSED ? positive("injection.concurrency", raw.concurrency(), null) : 0;
    return new Injection(model.get(), duration, rate, concurrency);
  }

  /**
   * The ebb-and-flow and backlog models: a duration of whole periods and the wave's two ends. A field the model
   * does not read is refused, since the run would silently drive something else than the spec says.
   */
  private Injection waved(Injection.Model model, RawSpec.RawInjection raw) {
    int before = problems.size();
    boolean rates = model == Injection.Model.EBB_AND_FLOW;
    String uses = rates ? "min_rate, max_rate, period and duration" : "min_backlog, max_backlog, period and duration";
    ignored(model, "rate", str(raw.rate()), uses);
    ignored(model, "concurrency", str(raw.concurrency()), uses);
    // Number, not a ternary of Integer and Double: that would unbox a missing field.
    Number otherLow = rates ? (Number) raw.minBacklog() : (Number) raw.minRate();
    Number otherHigh = rates ? (Number) raw.maxBacklog() : (Number) raw.maxRate();
    ignored(model, rates ? "min_backlog" : "min_rate", str(otherLow), uses);
    ignored(model, rates ? "max_backlog" : "max_rate", str(otherHigh), uses);
    double low = rates ? low("injection.min_rate", raw.minRate(), 0) : low("injection.min_backlog",
        raw.minBacklog() == null ? null : (Double) raw.minBacklog().doubleValue(), 1);
    Double rawHigh = rates ? raw.maxRate() : raw.maxBacklog() == null ? null : (Double) raw.maxBacklog().doubleValue();
    String highField = rates ? "injection.max_rate" : "injection.max_backlog";
    String lowName = rates ? "min_rate" : "min_backlog";
    if (rawHigh == null) {
      problem(highField, "missing; allowed: more than " + lowName + (rates ? " (workflows per second at the flood)"
          : " (workflows kept in flight at the flood), at most " + MAX_BACKLOG));
    } else if (!(rawHigh > low) || (!rates && rawHigh > MAX_BACKLOG) || rawHigh.isInfinite()) {
      problem(highField, str(rawHigh) + " is out of range; allowed: more than " + lowName + " " + str(low)
          + (rates ? "" : ", at most " + MAX_BACKLOG));
    }
    Duration duration = duration("injection.duration", raw.duration(), null);
    Duration period = duration("injection.period", raw.period(), null);
    if (period != null && !Wave.allowedPeriod(period)) {
      problem("injection.period", raw.period() + " is out of range; allowed: a whole even number of seconds, "
          + Wave.MIN_PERIOD.toSeconds() + "s or more (each half is one Gatling ramp, paced in whole seconds)");
    }
    if (problems.size() > before) {
      return null;
    }
    Wave wave = new Wave(low, rawHigh, period);
    if (!wave.fits(duration)) {
      problem("injection.duration", raw.duration() + " is not a whole number of injection.period " + raw.period()
          + "; allowed: 1, 2, 3, ... periods");
      return null;
    }
    return new Injection(model, duration, 0, 0, Optional.of(wave));
  }

  /** The most workflows the backlog model keeps in flight: each is one Gatling user awaiting its result. */
  public static final int MAX_BACKLOG = 10_000;

  private double low(String path, Double value, double least) {
    if (value == null) {
      problem(path, "missing; allowed: " + str(least) + " or more");
      return least;
    }
    if (!(value >= least) || value.isInfinite()) {
      problem(path, str(value) + " is out of range; allowed: " + str(least) + " or more");
      return least;
    }
    return value;
  }

  private void ignored(Injection.Model model, String field, String value, String uses) {
    if (value != null) {
      problem("injection." + field, value + " is ignored by the " + model.id() + " model (it uses " + uses
          + "); remove it");
    }
  }

  /** A number as written in a spec: 4 rather than 4.0. */
  private static String str(Number value) {
    if (value == null) {
      return null;
    }
    double d = value.doubleValue();
    return d == Math.rint(d) && !Double.isInfinite(d) ? Long.toString((long) d) : Double.toString(d);
  }

  private WorkerSettings workers(RawSpec.RawWorkers raw) {
    RawSpec.RawWorkers w = raw == null
        ? new RawSpec.RawWorkers(null, null, null, null, null, null, null, null, null, null, null, null, null, null, null)
        : raw;
    String runtimeId = w.runtime() == null ? "fixed" : w.runtime();
    Optional<WorkerSettings.RuntimeMode> mode = WorkerSettings.RuntimeMode.of(runtimeId);
    if (mode.isEmpty()) {
      problem("workers.runtime", "unknown runtime \"" + runtimeId + "\"; known: " + Arrays.stream(
          WorkerSettings.RuntimeMode.values()).map(WorkerSettings.RuntimeMode::id).collect(Collectors.joining(", ")));
    }
    int processes = positive("workers.processes", w.processes(), 1);
    if (processes > WorkerSettings.MAX_PROCESSES) {
      problem("workers.processes", processes + " is more than " + WorkerSettings.MAX_PROCESSES
          + " worker JVMs; this harness runs them on one machine");
    }
    int wfSlots = positive("workers.workflow_slots", w.workflowSlots(), 10);
    int actSlots = positive("workers.activity_slots", w.activitySlots(), 14);
    int wfPollers = positive("workers.workflow_pollers", w.workflowPollers(), 5);
    int actPollers = positive("workers.activity_pollers", w.activityPollers(), 5);
    int cache = positive("workers.cache_size", w.cacheSize(), 600);
    Optional<Duration> kill = w.killOneAfter() == null
        ? Optional.empty()
        : Optional.ofNullable(duration("workers.kill_one_after", w.killOneAfter(), null));
    Optional<String> taskQueue = Optional.ofNullable(w.taskQueue());
    if (taskQueue.isPresent() && !taskQueue.get().matches("[A-Za-z0-9._/-]{1,200}")) {
      problem("workers.task_queue", "\"" + taskQueue.get() + "\" must be 1 to 200 letters, digits and ._/-");
    }
    UserCode code = UserCode.NONE;
    if (w.classpath() != null || w.workflowClasses() != null || w.activityClasses() != null) {
      if (w.classpath() == null || w.classpath().isEmpty()) {
        problem("workers.classpath", "missing; workflow_classes and activity_classes name classes of these jars");
      } else {
        code = new UserCode(w.classpath().stream().map(java.nio.file.Path::of).toList(),
            w.workflowClasses() == null ? List.of() : w.workflowClasses(),
            w.activityClasses() == null ? List.of() : w.activityClasses());
      }
    }
    int taskQueues = w.taskQueues() == null ? 1 : w.taskQueues();
    if (taskQueues < 1 || taskQueues > WorkerSettings.MAX_TASK_QUEUES) {
      problem("workers.task_queues", taskQueues + " is out of range; allowed: 1 to " + WorkerSettings.MAX_TASK_QUEUES);
    }
    Optional<ExternalWorkers> external = external(w, code, kill);
    if (!problems.isEmpty()) {
      return null;
    }
    return new WorkerSettings(processes, mode.get(), wfSlots, actSlots, wfPollers, actPollers, cache, kill,
        taskQueue, code, external, taskQueues);
  }

  private Optional<ExternalWorkers> external(RawSpec.RawWorkers w, UserCode code, Optional<Duration> kill) {
    if (w.external() == null || !w.external()) {
      if (w.metricsUrls() != null) {
        problem("workers.metrics_urls", "only for external workers (external: true); the harness reads its own "
            + "workers' metrics from their files");
      }
      return Optional.empty();
    }
    if (w.taskQueue() == null) {
      problem("workers.task_queue", "missing; external workers need the task queue they poll");
    }
    if (code.present()) {
      problem("workers.classpath", "external workers run their own code; the harness starts none");
    }
    if (kill.isPresent()) {
      problem("workers.kill_one_after", "the harness cannot kill external workers");
    }
    if (w.taskQueues() != null && w.taskQueues() != 1) {
      problem("workers.task_queues", w.taskQueues() + " is not allowed for external workers; allowed: 1 (a deployed "
          + "fleet polls the task_queue it was deployed with)");
    }
    List<java.net.URI> urls = new ArrayList<>();
    List<String> raw = w.metricsUrls() == null ? List.of() : w.metricsUrls();
    for (int i = 0; i < raw.size(); i++) {
      try {
        java.net.URI uri = new java.net.URI(raw.get(i));
        if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
          throw new java.net.URISyntaxException(raw.get(i), "not an http(s) URL with a host");
        }
        urls.add(uri);
      } catch (java.net.URISyntaxException | NullPointerException e) {
        problem("workers.metrics_urls[" + i + "]", "\"" + raw.get(i) + "\" is not an http(s)://host:port/metrics URL");
      }
    }
    return problems.isEmpty() && w.taskQueue() != null
        ? Optional.of(new ExternalWorkers(w.taskQueue(), urls)) : Optional.empty();
  }

  private Set<ServerCapability> capabilities(List<String> raw) {
    Set<ServerCapability> set = EnumSet.noneOf(ServerCapability.class);
    if (raw == null) {
      return set;
    }
    for (int i = 0; i < raw.size(); i++) {
      String id = raw.get(i);
      Optional<ServerCapability> cap = Arrays.stream(ServerCapability.values())
          .filter(c -> c.name().equalsIgnoreCase(id == null ? "" : id.replace('-', '_')))
          .findFirst();
      if (cap.isEmpty()) {
        problem("requires[" + i + "]", "unknown capability \"" + id + "\"; known: " + Arrays.stream(
            ServerCapability.values()).map(c -> c.name().toLowerCase().replace('_', '-')).collect(Collectors.joining(", ")));
      } else {
        set.add(cap.get());
      }
    }
    return set;
  }

  private List<ThresholdSpec> thresholds(List<RawSpec.RawThreshold> raw) {
    List<ThresholdSpec> list = new ArrayList<>();
    if (raw == null) {
      return list;
    }
    for (int i = 0; i < raw.size(); i++) {
      String path = "thresholds[" + i + "]";
      RawSpec.RawThreshold t = raw.get(i);
      if (t == null) {
        problem(path, "empty entry");
        continue;
      }
      Optional<Metric> metric = Metric.of(t.metric());
      if (metric.isEmpty()) {
        problem(path + ".metric", (t.metric() == null ? "missing" : "unknown metric \"" + t.metric() + "\"")
            + "; known: " + Metric.known());
      }
      Optional<Threshold.Op> op = Threshold.Op.of(t.op());
      if (op.isEmpty()) {
        problem(path + ".op", (t.op() == null ? "missing" : "unknown op \"" + t.op() + "\"") + "; known: " + Threshold.Op.known());
      }
      if (t.limit() == null || t.limit().isNaN()) {
        problem(path + ".limit", "missing; a number");
      }
      if (metric.isPresent() && op.isPresent() && t.limit() != null && !t.limit().isNaN()) {
        list.add(new ThresholdSpec(metric.get(), op.get(), t.limit()));
      }
    }
    return list;
  }

  private String text(String path, String value) {
    if (value == null || value.isBlank()) {
      problem(path, "missing");
      return null;
    }
    return value;
  }

  private int positive(String path, Integer value, Integer fallback) {
    if (value == null) {
      if (fallback == null) {
        problem(path, "missing; a whole number >= 1");
        return 1;
      }
      return fallback;
    }
    if (value < 1) {
      problem(path, "must be >= 1, got " + value);
      return 1;
    }
    return value;
  }

  private Duration duration(String path, String value, Duration fallback) {
    if (value == null) {
      if (fallback == null) {
        problem(path, "missing; " + Durations.FORMAT);
      }
      return fallback;
    }
    Optional<Duration> parsed = Durations.parse(value);
    if (parsed.isEmpty()) {
      problem(path, "\"" + value + "\" is not a duration; " + Durations.FORMAT);
      return fallback;
    }
    return parsed.get();
  }

  private void problem(String path, String message) {
    problems.add(path + ": " + message);
  }
}
