package dev.loadharness.scenarios.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loadharness.scenarios.server.docker.DockerEndpoint;
import dev.loadharness.scenarios.server.docker.DockerProbe;
import dev.loadharness.scenarios.server.docker.FakeEngine;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What would make Testcontainers block is found before it is asked, against a scripted engine. */
class TestcontainersPreflightTest {
  private static final String RYUK = TestcontainersPreflight.RYUK_IMAGE;
  private static final String TINY = TestcontainersPreflight.TINY_IMAGE;

  @TempDir Path dir;

  /** An engine without any image, whose pulls fail like an unreachable registry, and whose bridge has {@code ipam}. */
  private static Function<String, String> noRegistry(String ipam) {
    return request -> {
      if (request.equals("GET /_ping")) {
        return FakeEngine.http(200, "OK");
      }
      if (request.equals("GET /networks/bridge")) {
        return FakeEngine.http(200, "{\"IPAM\":{\"Config\":[" + ipam + "]}}");
      }
      if (request.startsWith("POST /images/create")) {
        return FakeEngine.http(500, "{\"message\":\"Get https://registry-1.docker.io/v2/: no such host\"}");
      }
      return FakeEngine.http(404, "{\"message\":\"No such image\"}");
    };
  }

  private static Optional<String> blocker(FakeEngine engine, Map<String, String> env, boolean inContainer) {
    DockerProbe probe =
        new DockerProbe(new DockerEndpoint.Resolution(Optional.of(engine.endpoint()), ""), Duration.ofSeconds(2));
    return new TestcontainersPreflight(probe, env, inContainer).blocker();
  }

  @Test
  void theHelperImagesAreTheOnesThePinnedTestcontainersStarts() throws IOException {
    assertThat(classConstants("org/testcontainers/utility/RyukContainer.class")).contains(RYUK);
    assertThat(classConstants("org/testcontainers/DockerClientFactory.class")).contains(TINY);
  }

  /** The class file as Latin-1 text: its constant pool holds the string literals verbatim. */
  private static String classConstants(String resource) throws IOException {
    try (InputStream in = org.testcontainers.DockerClientFactory.class.getClassLoader().getResourceAsStream(resource)) {
      assertThat(in).as(resource).isNotNull();
      return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
    }
  }

  @Test
  void anUnpullableRyukImageNamesItAndTheSettingThatAvoidsIt() throws Exception {
    try (FakeEngine engine = new FakeEngine(dir.resolve("d.sock"), noRegistry(""))) {
      assertThat(blocker(engine, Map.of(), false))
          .hasValueSatisfying(
              why ->
                  assertThat(why)
                      .startsWith("Testcontainers first starts its cleanup container " + RYUK + ", and ")
                      .contains("pulling it failed (HTTP 500: Get https://registry-1.docker.io/v2/: no such host)")
                      .endsWith("set TESTCONTAINERS_RYUK_DISABLED=true (the harness stops its server container itself)"));
    }
  }

  @Test
  void insideAContainerWithoutABridgeGatewayTheTinyImageIsNeeded() throws Exception {
    try (FakeEngine engine = new FakeEngine(dir.resolve("d.sock"), noRegistry("{\"Subnet\":\"172.18.0.0/16\"}"))) {
      assertThat(blocker(engine, Map.of("TESTCONTAINERS_RYUK_DISABLED", "true"), true))
          .hasValueSatisfying(
              why ->
                  assertThat(why)
                      .contains("would start " + TINY + " to find the host's address")
                      .endsWith("set TESTCONTAINERS_HOST_OVERRIDE=localhost, or start dockerd with --bip 172.17.0.1/16"));
      assertThat(blocker(engine, Map.of("TESTCONTAINERS_RYUK_DISABLED", "true"), false)).isEmpty();
      assertThat(
              blocker(
                  engine,
                  Map.of("TESTCONTAINERS_RYUK_DISABLED", "true", "TESTCONTAINERS_HOST_OVERRIDE", "localhost"),
                  true))
          .isEmpty();
    }
  }

  @Test
  void aBridgeGatewayAndRyukDisabledLeaveNothingInTheWay() throws Exception {
    try (FakeEngine engine =
        new FakeEngine(dir.resolve("d.sock"), noRegistry("{\"Subnet\":\"172.17.0.0/16\",\"Gateway\":\"172.17.0.1\"}"))) {
      assertThat(blocker(engine, Map.of("TESTCONTAINERS_RYUK_DISABLED", "true"), true)).isEmpty();
    }
  }
}
