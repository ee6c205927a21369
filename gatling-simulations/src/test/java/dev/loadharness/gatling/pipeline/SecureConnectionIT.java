package dev.loadharness.gatling.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loadharness.runtime.config.Secret;
import dev.loadharness.scenarios.server.InMemoryServer;
import dev.loadharness.scenarios.server.SelfSignedTls;
import dev.loadharness.scenarios.server.ServerEnvironment;
import dev.loadharness.scenarios.server.ServerEnvironments;
import dev.loadharness.scenarios.server.SettingSource;
import dev.loadharness.scenarios.server.SystemProbes;
import dev.loadharness.scenarios.spec.ScenarioSpec;
import dev.loadharness.scenarios.spec.ScenarioSpecs;
import dev.loadharness.scenarios.spec.WorkerSettings.RuntimeMode;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A load run against a secured cluster: the in-memory server behind TLS (a self-signed certificate the
 * run trusts through TEMPORAL_TLS_CA) that rejects every call without the API key. Worker JVMs of both
 * runtimes must poll over TLS with the key, or the smoke run cannot complete.
 */
class SecureConnectionIT {
  private static final String KEY = "tlh-secure-it-key-3b1f";

  @TempDir Path dir;

  /** Rejects any call whose authorization is not the key; counts the workers' polls that carried it. */
  static final class ApiKeyCheck implements ServerInterceptor {
    static final Metadata.Key<String> AUTHORIZATION = Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);
    final AtomicLong polls = new AtomicLong();
    final AtomicLong rejected = new AtomicLong();

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
        ServerCallHandler<Q, R> next) {
      if (!("Bearer " + KEY).equals(headers.get(AUTHORIZATION))) {
        rejected.incrementAndGet();
        call.close(Status.UNAUTHENTICATED.withDescription("API key required"), new Metadata());
        return new ServerCall.Listener<>() {};
      }
      String method = call.getMethodDescriptor().getBareMethodName();
      if ("PollWorkflowTaskQueue".equals(method) || "PollActivityTaskQueue".equals(method)) {
        polls.incrementAndGet();
      }
      return next.startCall(call, headers);
    }
  }

  @ParameterizedTest
  @EnumSource(value = RuntimeMode.class, names = {"FIXED", "ADAPTIVE"})
  @Timeout(value = 3, unit = TimeUnit.MINUTES)
  void workersOfBothRuntimesConnectOverTlsWithTheApiKey(RuntimeMode mode) throws Exception {
    SelfSignedTls tls = SelfSignedTls.create(Files.createDirectories(dir.resolve("tls")));
    ApiKeyCheck check = new ApiKeyCheck();
    try (InMemoryServer cluster = InMemoryServer.start("default", Optional.of(tls),
        Optional.of(Secret.of("TEMPORAL_API_KEY", KEY)), List.of(check))) {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      RunOutcome outcome = run(cluster, tls, mode, bytes);
      String output = bytes.toString(StandardCharsets.UTF_8);
      assertThat(outcome.exitCode()).as(output).isZero();
      assertThat(check.polls.get()).as("worker polls that carried the key over TLS").isPositive();
      assertThat(check.rejected.get()).as("calls without the key").isZero();
      assertThat(output).doesNotContain(KEY);
      try (Stream<Path> files = Files.walk(outcome.runDirectory())) {
        assertThat(files.filter(Files::isRegularFile).map(SecureConnectionIT::read))
            .as("no file of the run holds the API key").noneMatch(text -> text.contains(KEY));
      }
    }
  }

  @Test
  @Timeout(value = 2, unit = TimeUnit.MINUTES)
  void aWrongKeyIsRejectedBeforeAnyWorkerStarts() throws Exception {
    SelfSignedTls tls = SelfSignedTls.create(Files.createDirectories(dir.resolve("tls")));
    ApiKeyCheck check = new ApiKeyCheck();
    try (InMemoryServer cluster = InMemoryServer.start("default", Optional.of(tls),
        Optional.of(Secret.of("TEMPORAL_API_KEY", KEY)), List.of(check))) {
      SettingSource source = new SettingSource(Map.of("TEMPORAL_SERVER", "external", "TEMPORAL_ADDRESS",
          cluster.target(), "TEMPORAL_TLS_CA", tls.certificate().toString(), "TEMPORAL_API_KEY", "wrong-key",
          "TEMPORAL_CONNECT_TIMEOUT", "3s"), new Properties());
      org.assertj.core.api.Assertions.assertThatThrownBy(
              () -> new ServerEnvironments(source, new SystemProbes(source)).open(dir.resolve("server")))
          .hasMessageContaining(cluster.target()).hasMessageNotContaining("wrong-key");
      assertThat(check.polls.get()).isZero();
    }
  }

  private RunOutcome run(InMemoryServer cluster, SelfSignedTls tls, RuntimeMode mode, ByteArrayOutputStream bytes)
      throws Exception {
    SettingSource source = new SettingSource(Map.of("TEMPORAL_SERVER", "external", "TEMPORAL_ADDRESS",
        cluster.target(), "TEMPORAL_TLS_CA", tls.certificate().toString(), "TEMPORAL_API_KEY", KEY), new Properties());
    ScenarioSpec spec = ScenarioSpecs.load("smoke").withRuntime(mode);
    try (ServerEnvironment server = new ServerEnvironments(source, new SystemProbes(source)).open(dir.resolve("server"))) {
      RunPlan plan = RunPlan.create(spec, dir.resolve("runs"), "tls-" + mode.id(), Duration.ofSeconds(2));
      return new LoadRun(new PrintStream(bytes, true, StandardCharsets.UTF_8)).execute(plan, server);
    }
  }

  private static String read(Path file) {
    try {
      return new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
