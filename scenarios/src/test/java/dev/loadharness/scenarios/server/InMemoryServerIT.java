package dev.loadharness.scenarios.server;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class InMemoryServerIT {

  @Test
  void runsAWorkflowOverRealGrpcOnLoopbackAndFreesThePortOnClose() {
    InMemoryServer server = InMemoryServer.start("default");
    int port;
    try {
      assertThat(server.target()).startsWith("127.0.0.1:");
      port = RoundTrip.port(server);
      assertThat(LoopbackPorts.isFree(port)).as("port %d is bound while running", port).isFalse();
      RoundTrip.run(server);
      assertThat(server.kind()).isEqualTo(ServerKind.IN_MEMORY);
      assertThat(server.serverVersion()).isEqualTo("temporal-test-server 1.38.0");
    } finally {
      server.close();
    }
    assertThat(LoopbackPorts.isFree(port)).as("port %d is free after close", port).isTrue();
    server.close(); // idempotent
  }

  @Test
  void declaresNoRealServerCapabilities() {
    try (InMemoryServer server = InMemoryServer.start("default")) {
      assertThat(server.capabilities()).isEmpty();
      assertThat(server.whyUnsupported(java.util.Set.of())).as("a scenario that needs nothing runs anywhere").isEmpty();
      assertThat(server.whyUnsupported(java.util.Set.of(ServerCapability.DESCRIBE_TASK_QUEUE)))
          .hasValueSatisfying(
              reason ->
                  assertThat(reason)
                      .startsWith("needs a real server: in-memory does not DESCRIBE_TASK_QUEUE"));
    }
  }
}
