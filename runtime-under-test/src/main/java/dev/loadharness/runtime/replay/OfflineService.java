package dev.loadharness.runtime.replay;

import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.stub.StreamObserver;
import io.temporal.api.workflowservice.v1.GetSystemInfoRequest;
import io.temporal.api.workflowservice.v1.GetSystemInfoResponse;
import io.temporal.api.workflowservice.v1.WorkflowServiceGrpc;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * An in-process WorkflowService for replay that answers only GetSystemInfo.
 *
 * <p>Why: a worker replaying a history asks for the server's capabilities before it builds the replay
 * state machines, even though nothing else touches the network. Against an unreachable target that
 * call retries for seconds and then fails the replay; answering it in-process (with the capabilities
 * a current server reports) takes microseconds. Every other call is UNIMPLEMENTED, so a replay that
 * would need the server fails at once instead of hanging.
 */
final class OfflineService implements AutoCloseable {

  private final Server server;
  private final ManagedChannel channel;

  OfflineService() {
    String name = "replay-offline-" + UUID.randomUUID();
    try {
      server = InProcessServerBuilder.forName(name).directExecutor().addService(new SystemInfoOnly()).build().start();
    } catch (IOException e) {
      throw new UncheckedIOException("in-process service for replay did not start", e);
    }
    channel = InProcessChannelBuilder.forName(name).directExecutor().build();
  }

  /** The channel to give to WorkflowServiceStubsOptions. */
  ManagedChannel channel() {
    return channel;
  }

  @Override
  public void close() {
    channel.shutdownNow();
    server.shutdownNow();
    try {
      server.awaitTermination(1, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static final class SystemInfoOnly extends WorkflowServiceGrpc.WorkflowServiceImplBase {
    @Override
    public void getSystemInfo(GetSystemInfoRequest request, StreamObserver<GetSystemInfoResponse> response) {
      response.onNext(GetSystemInfoResponse.newBuilder()
          .setServerVersion("replay-offline")
          .setCapabilities(GetSystemInfoResponse.Capabilities.newBuilder()
              .setSignalAndQueryHeader(true)
              .setInternalErrorDifferentiation(true)
              .setActivityFailureIncludeHeartbeat(true)
              .setSupportsSchedules(true)
              .setEncodedFailureAttributes(true)
              .setUpsertMemo(true)
              .setEagerWorkflowStart(true)
              .setSdkMetadata(true)
              .setCountGroupByExecutionStatus(true)
              .setNexus(true))
          .build());
      response.onCompleted();
    }
  }
}
