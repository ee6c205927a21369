package dev.loadharness.scenarios.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class DevServerCommandTest {

  @Test
  void bindsLoopbackHeadlessWithTheLoadPragmas() {
    var options = DevServerOptions.defaults(Path.of("/opt/temporal"), "ns1", Path.of("/tmp/run"));
    assertThat(DevServer.command(options, 7777))
        .containsExactly(
            "/opt/temporal", "server", "start-dev", "--headless", "--ip", "127.0.0.1", "--port", "7777",
            "--namespace", "ns1", "--sqlite-pragma", "journal_mode=WAL", "--sqlite-pragma", "synchronous=OFF");
  }

  @Test
  void aDbFileIsPassedForRunsThatSurviveARestart() {
    var options =
        DevServerOptions.defaults(Path.of("temporal"), "ns1", Path.of("/tmp/run")).withDbFile(Path.of("/tmp/s.db"));
    List<String> command = DevServer.command(options, 1);
    assertThat(command.subList(command.size() - 2, command.size())).containsExactly("--db-filename", "/tmp/s.db");
  }
}
