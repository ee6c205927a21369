package dev.loadharness.scenarios.server.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The probe's bounds and answers against a scripted socket; DockerProbeIT asks a real engine. */
class DockerProbeTest {
  private static final String IMAGE = "example/temporal:1";
  private static final Duration SHORT = Duration.ofMillis(300);

  @TempDir Path dir;

  private DockerProbe probe(FakeEngine engine) {
    return new DockerProbe(new DockerEndpoint.Resolution(Optional.of(engine.endpoint()), ""), SHORT);
  }

  private static long millisSince(long start) {
    return (System.nanoTime() - start) / 1_000_000;
  }

  @Test
  void anEngineThatAcceptsAndNeverAnswersIsNoEngineOnceTheBoundPasses() throws Exception {
    try (FakeEngine silent = new FakeEngine(dir.resolve("d.sock"), request -> null)) {
      long start = System.nanoTime();
      DockerCheck check = probe(silent).check(IMAGE);
      long elapsed = millisSince(start);
      assertThat(check.state()).isEqualTo(DockerCheck.State.NO_ENGINE);
      assertThat(check.detail())
          .isEqualTo("the Docker engine at unix://" + silent.socket + " (test socket) gave no complete answer within 300 ms");
      // The bound is 300 ms; a blocked read would hang here until the test's own timeout.
      assertThat(elapsed).isBetween(250L, 5_000L);
    }
  }

  @Test
  void anEngineWithoutTheImageNamesItAndTheCommandThatBuildsIt() throws Exception {
    try (FakeEngine engine =
        new FakeEngine(
            dir.resolve("d.sock"),
            request -> request.equals("GET /_ping")
                ? FakeEngine.http(200, "OK")
                : FakeEngine.http(404, "{\"message\":\"No such image: " + IMAGE + "\"}"))) {
      DockerCheck check = probe(engine).check(IMAGE);
      assertThat(check.state()).isEqualTo(DockerCheck.State.IMAGE_ABSENT);
      assertThat(check.detail())
          .isEqualTo("the Docker engine at unix://" + engine.socket + " answered, but image " + IMAGE
              + " is missing: it is not present locally");
    }
  }

  @Test
  void anEngineWithTheImageIsReady() throws Exception {
    try (FakeEngine engine =
        new FakeEngine(
            dir.resolve("d.sock"),
            request -> request.equals("GET /images/" + IMAGE + "/json") || request.equals("GET /_ping")
                ? FakeEngine.http(200, "{}")
                : FakeEngine.http(500, "{}"))) {
      assertThat(probe(engine).check(IMAGE).state()).isEqualTo(DockerCheck.State.READY);
    }
  }

  @Test
  void aFailedPullReportsTheEnginesErrorText() throws Exception {
    try (FakeEngine engine =
        new FakeEngine(
            dir.resolve("d.sock"),
            request -> request.startsWith("POST /images/create?fromImage=example%2Ftemporal%3A1")
                ? FakeEngine.http(200, "{\"status\":\"Pulling\"}\n{\"errorDetail\":{},\"error\":\"dial tcp: no such host\"}\n")
                : FakeEngine.http(404, "{\"message\":\"No such image\"}"))) {
      DockerCheck check = probe(engine).pull(IMAGE, Duration.ofSeconds(5));
      assertThat(check.state()).isEqualTo(DockerCheck.State.IMAGE_ABSENT);
      assertThat(check.detail()).endsWith("is missing: pulling it failed (HTTP 200: dial tcp: no such host)");
    }
  }

  @Test
  void aPullThatStallsGivesUpAfterTheIdleBound() throws Exception {
    try (FakeEngine engine = new FakeEngine(dir.resolve("d.sock"), request -> null)) {
      long start = System.nanoTime();
      DockerCheck check = probe(engine).pull(IMAGE, SHORT, Duration.ofMinutes(5));
      assertThat(millisSince(start)).isLessThan(5_000L);
      assertThat(check.state()).isEqualTo(DockerCheck.State.IMAGE_ABSENT);
      assertThat(check.detail()).contains("pulling it gave up: no progress for 300 ms");
    }
  }

  @Test
  void aSocketFileWithoutAListenerIsNoEngine() throws Exception {
    Path socket = dir.resolve("stale.sock");
    try (ServerSocketChannel gone = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
      gone.bind(UnixDomainSocketAddress.of(socket));
    }
    assertThat(socket).exists();
    DockerProbe probe = new DockerProbe(new DockerEndpoint.Resolution(Optional.of(DockerEndpoint.unix(socket, "DOCKER_HOST")), ""), SHORT);
    DockerCheck check = probe.check(IMAGE);
    assertThat(check.state()).isEqualTo(DockerCheck.State.NO_ENGINE);
    assertThat(check.detail()).startsWith("the Docker engine at unix://" + socket + " (DOCKER_HOST) could not be reached: ");
  }

  @Test
  void noEndpointIsNoEngineWithTheReason() {
    DockerProbe probe = DockerProbe.fromEnvironment(Map.of("DOCKER_HOST", "ssh://me@host"));
    DockerCheck check = probe.check(IMAGE);
    assertThat(check.state()).isEqualTo(DockerCheck.State.NO_ENGINE);
    assertThat(check.detail()).isEqualTo("no Docker engine: DOCKER_HOST='ssh://me@host' uses scheme 'ssh'; the probe knows unix:// and tcp://");
  }

  @Test
  void dockerHostIsReadLikeTheDockerCli() throws Exception {
    assertThat(DockerEndpoint.resolve(Map.of("DOCKER_HOST", "unix:///run/user/1/docker.sock")).endpoint())
        .contains(DockerEndpoint.unix(Path.of("/run/user/1/docker.sock"), "DOCKER_HOST"));
    assertThat(DockerEndpoint.resolve(Map.of("DOCKER_HOST", "tcp://10.0.0.2:2375")).endpoint().orElseThrow())
        .hasToString("tcp://10.0.0.2:2375");
    assertThat(DockerEndpoint.resolve(Map.of("DOCKER_HOST", "tcp://h:2376", "DOCKER_TLS_VERIFY", "1")).whyNone())
        .contains("DOCKER_TLS_VERIFY").contains("plain HTTP only");
    assertThat(DockerEndpoint.resolve(Map.of("DOCKER_HOST", "tcp://nohost")).whyNone()).contains("has no host:port");
    Path socket = Files.createFile(dir.resolve("docker.sock"));
    assertThat(DockerEndpoint.resolve(Map.of("XDG_RUNTIME_DIR", dir.toString())).endpoint().orElseThrow().socket())
        .isIn(Path.of("/var/run/docker.sock"), socket);
  }

  @Test
  void anEndpointIsEitherASocketOrAHost() {
    assertThatThrownBy(() -> new DockerEndpoint(null, null, 0, "x")).hasMessageContaining("either a Unix socket or a TCP host");
    assertThatThrownBy(() -> new DockerEndpoint(null, "h", 0, "x")).hasMessage("Docker TCP port 0 is outside 1..65535");
  }
}
