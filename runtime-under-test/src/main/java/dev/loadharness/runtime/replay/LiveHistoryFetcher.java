package dev.loadharness.runtime.replay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.ByteString;
import dev.loadharness.runtime.history.DecodeSummary;
import dev.loadharness.runtime.history.HistoryDecodeException;
import dev.loadharness.runtime.history.HistoryDecoder;
import dev.loadharness.runtime.history.HistoryEventSink;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.api.workflow.v1.WorkflowExecutionInfo;
import io.temporal.api.workflowservice.v1.GetWorkflowExecutionHistoryRequest;
import io.temporal.api.workflowservice.v1.GetWorkflowExecutionHistoryResponse;
import io.temporal.api.workflowservice.v1.ListWorkflowExecutionsRequest;
import io.temporal.api.workflowservice.v1.ListWorkflowExecutionsResponse;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Fetches histories from a server: pages of GetWorkflowExecutionHistory handed to the sink as they
 * arrive (never all pages at once), and visibility queries with ListWorkflowExecutions. When the
 * WorkflowService call is not possible (unreachable, unimplemented, refused credentials) and the Temporal
 * CLI is present, the same is done with {@code temporal workflow show/list --output json}, whose output
 * is streamed into the {@link HistoryDecoder}; the fallback is reported in {@link Fetched#via()}.
 */
public final class LiveHistoryFetcher implements AutoCloseable {

  private static final Set<Status.Code> FALL_BACK = Set.of(Status.Code.UNAVAILABLE, Status.Code.UNIMPLEMENTED,
      Status.Code.UNAUTHENTICATED, Status.Code.PERMISSION_DENIED, Status.Code.DEADLINE_EXCEEDED);
  private static final long CLI_TIMEOUT_S = 120;
  private static final long RPC_TIMEOUT_S = 30;

  private final ServerAccess access;
  private final WorkflowServiceStubs stubs;
  private final HistoryDecoder decoder = new HistoryDecoder();

  /** Creates a fetcher; connects lazily. */
  public LiveHistoryFetcher(ServerAccess access) {
    this.access = access;
    this.stubs = WorkflowServiceStubs.newServiceStubs(
        WorkflowServiceStubsOptions.newBuilder().setTarget(access.address()).build());
  }

  /**
   * How a history was fetched.
   *
   * @param via "grpc" or "temporal-cli (reason)"
   * @param fetchNanos time spent waiting for the server (RPCs, or the CLI process)
   * @param decodeNanos time spent decoding (protobuf pages: validating/collecting; CLI: JSON decoding)
   * @param bytes protobuf bytes of the history pages, or bytes of CLI JSON
   * @param events events handed to the sink
   */
  public record Fetched(String via, long fetchNanos, long decodeNanos, long bytes, int events) {}

  /** Streams the history of the target into the sink. */
  public Fetched fetch(LiveTarget target, HistoryEventSink sink) throws HistoryDecodeException, InterruptedException {
    if (access.forceCli()) {
      return fetchWithCli(target, sink, "forced by --fetch-with-cli");
    }
    try {
      return fetchWithGrpc(target, sink);
    } catch (StatusRuntimeException e) {
      if (FALL_BACK.contains(e.getStatus().getCode()) && access.temporalCli().isPresent()) {
        return fetchWithCli(target, sink, "WorkflowService call failed: " + e.getStatus().getCode());
      }
      throw new HistoryDecodeException(HistoryDecodeException.Cause.UNREADABLE, -1, -1,
          "GetWorkflowExecutionHistory " + target.display() + " at " + access.address() + ": " + e.getStatus()
              + (access.temporalCli().isEmpty() ? " (no Temporal CLI found to fall back on)" : ""), e);
    }
  }

  private Fetched fetchWithGrpc(LiveTarget target, HistoryEventSink sink) {
    ByteString token = ByteString.EMPTY;
    long fetch = 0;
    long decode = 0;
    long bytes = 0;
    int index = 0;
    do {
      long t0 = System.nanoTime();
      GetWorkflowExecutionHistoryResponse page = stubs.blockingStub()
          .withDeadlineAfter(RPC_TIMEOUT_S, TimeUnit.SECONDS)
          .getWorkflowExecutionHistory(GetWorkflowExecutionHistoryRequest.newBuilder()
              .setNamespace(access.namespace())
              .setExecution(WorkflowExecution.newBuilder().setWorkflowId(target.workflowId()).setRunId(target.runId()))
              .setNextPageToken(token)
              .build());
      long t1 = System.nanoTime();
      bytes += page.getHistory().getSerializedSize();
      for (HistoryEvent e : page.getHistory().getEventsList()) {
        sink.accept(index++, e);
      }
      decode += System.nanoTime() - t1;
      fetch += t1 - t0;
      token = page.getNextPageToken();
    } while (!token.isEmpty());
    return new Fetched("grpc", fetch, decode, bytes, index);
  }

  private Fetched fetchWithCli(LiveTarget target, HistoryEventSink sink, String reason)
      throws HistoryDecodeException, InterruptedException {
    List<String> cmd = cliCommand("workflow", "show", "--workflow-id", target.workflowId());
    if (!target.runId().isEmpty()) {
      cmd.add("--run-id");
      cmd.add(target.runId());
    }
    long t0 = System.nanoTime();
    Process process = start(cmd);
    CompletableFuture<String> stderr = readAsync(process.getErrorStream());
    long decodeStart = System.nanoTime();
    DecodeSummary summary;
    try (InputStream out = process.getInputStream()) {
      summary = decoder.decode(out, sink);
      out.transferTo(OutputStream.nullOutputStream());
    } catch (HistoryDecodeException e) {
      process.waitFor(10, TimeUnit.SECONDS);
      process.destroyForcibly();
      String err = stderr.completeOnTimeout("", 5, TimeUnit.SECONDS).join();
      throw err.isBlank() ? e : new HistoryDecodeException(HistoryDecodeException.Cause.UNREADABLE, -1, -1,
          "temporal workflow show " + target.display() + ": " + err.strip(), e);
    } catch (IOException e) {
      process.destroyForcibly();
      throw new HistoryDecodeException(HistoryDecodeException.Cause.UNREADABLE, -1, -1, e.getMessage(), e);
    }
    long decode = System.nanoTime() - decodeStart;
    awaitExit(process, cmd, stderr);
    return new Fetched("temporal-cli (" + reason + ")", System.nanoTime() - t0, decode, summary.bytes(), summary.events());
  }

  /** Executions matching a visibility query, at most limit of them, and how they were listed. */
  public Listed list(String query, int limit) throws HistoryDecodeException, InterruptedException {
    if (limit < 1) {
      throw new IllegalArgumentException("--limit must be >= 1, got " + limit);
    }
    if (!access.forceCli()) {
      try {
        return new Listed(listWithGrpc(query, limit), "grpc");
      } catch (StatusRuntimeException e) {
        if (!FALL_BACK.contains(e.getStatus().getCode()) || access.temporalCli().isEmpty()) {
          throw new HistoryDecodeException(HistoryDecodeException.Cause.UNREADABLE, -1, -1,
              "ListWorkflowExecutions \"" + query + "\" at " + access.address() + ": " + e.getStatus(), e);
        }
        return new Listed(listWithCli(query, limit), "temporal-cli (WorkflowService call failed: " + e.getStatus().getCode() + ")");
      }
    }
    return new Listed(listWithCli(query, limit), "temporal-cli (forced by --fetch-with-cli)");
  }

  /**
   * The result of a visibility query.
   *
   * @param targets executions found
   * @param via how they were listed
   */
  public record Listed(List<LiveTarget> targets, String via) {}

  private List<LiveTarget> listWithGrpc(String query, int limit) {
    List<LiveTarget> found = new ArrayList<>();
    ByteString token = ByteString.EMPTY;
    do {
      ListWorkflowExecutionsResponse page = stubs.blockingStub()
          .withDeadlineAfter(RPC_TIMEOUT_S, TimeUnit.SECONDS)
          .listWorkflowExecutions(ListWorkflowExecutionsRequest.newBuilder()
              .setNamespace(access.namespace())
              .setQuery(query)
              .setPageSize(Math.min(limit, 1000))
              .setNextPageToken(token)
              .build());
      for (WorkflowExecutionInfo info : page.getExecutionsList()) {
        if (found.size() < limit) {
          found.add(new LiveTarget(info.getExecution().getWorkflowId(), info.getExecution().getRunId()));
        }
      }
      token = page.getNextPageToken();
    } while (!token.isEmpty() && found.size() < limit);
    return found;
  }

  private List<LiveTarget> listWithCli(String query, int limit) throws HistoryDecodeException, InterruptedException {
    List<String> cmd = cliCommand("workflow", "list", "--query", query, "--limit", Integer.toString(limit));
    Process process = start(cmd);
    CompletableFuture<String> stderr = readAsync(process.getErrorStream());
    List<LiveTarget> found = new ArrayList<>();
    try (InputStream out = process.getInputStream()) {
      JsonNode list = new ObjectMapper().readTree(out);
      if (list != null) {
        for (JsonNode e : list) {
          found.add(new LiveTarget(e.path("execution").path("workflowId").asText(), e.path("execution").path("runId").asText()));
        }
      }
    } catch (IOException e) {
      process.destroyForcibly();
      throw new HistoryDecodeException(HistoryDecodeException.Cause.UNREADABLE, -1, -1,
          "temporal workflow list: unreadable output: " + e.getMessage(), e);
    }
    awaitExit(process, cmd, stderr);
    return found;
  }

  private List<String> cliCommand(String... args) {
    List<String> cmd = new ArrayList<>();
    cmd.add(access.temporalCli().orElseThrow().toString());
    cmd.addAll(List.of(args));
    cmd.addAll(access.cliConnectionArgs());
    cmd.addAll(List.of("--output", "json"));
    return cmd;
  }

  private static Process start(List<String> cmd) throws HistoryDecodeException {
    try {
      return new ProcessBuilder(cmd).start();
    } catch (IOException e) {
      throw new HistoryDecodeException(HistoryDecodeException.Cause.UNREADABLE, -1, -1,
          "cannot run " + cmd.get(0) + ": " + e.getMessage(), e);
    }
  }

  private static void awaitExit(Process process, List<String> cmd, CompletableFuture<String> stderr)
      throws HistoryDecodeException, InterruptedException {
    if (!process.waitFor(CLI_TIMEOUT_S, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new HistoryDecodeException(HistoryDecodeException.Cause.UNREADABLE, -1, -1,
          String.join(" ", cmd) + " did not exit within " + CLI_TIMEOUT_S + " s", null);
    }
    if (process.exitValue() != 0) {
      throw new HistoryDecodeException(HistoryDecodeException.Cause.UNREADABLE, -1, -1,
          String.join(" ", cmd.subList(1, 3)) + " exited " + process.exitValue() + ": " + stderr.join().strip(), null);
    }
  }

  private static CompletableFuture<String> readAsync(InputStream in) {
    return CompletableFuture.supplyAsync(() -> {
      try (in) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        in.transferTo(b);
        return b.toString(StandardCharsets.UTF_8);
      } catch (IOException e) {
        return "(stderr unreadable: " + e.getMessage() + ")";
      }
    });
  }

  @Override
  public void close() {
    stubs.shutdownNow();
  }
}
