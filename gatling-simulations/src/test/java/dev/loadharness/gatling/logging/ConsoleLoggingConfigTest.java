package dev.loadharness.gatling.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;

/** The shipped logback.xml: our lines on the console, library chatter condensed or only in the library log. */
class ConsoleLoggingConfigTest {
  @TempDir Path dir;

  @Test
  void theConsoleCarriesOurLinesAndCondensedLibraryWarningsWhileTheFileGetsEverything() throws Exception {
    Path libraryLog = dir.resolve("harness.log");
    ByteArrayOutputStream console = new ByteArrayOutputStream();
    PrintStream original = System.out;
    System.setOut(new PrintStream(console, true, StandardCharsets.UTF_8));
    LoggerContext context = new LoggerContext();
    context.setMDCAdapter(new LogbackMDCAdapter());
    try {
      context.putProperty("tlh.log.file", libraryLog.toString());
      JoranConfigurator configurator = new JoranConfigurator();
      configurator.setContext(context);
      configurator.doConfigure(ConsoleLoggingConfigTest.class.getResource("/logback.xml"));

      context.getLogger("dev.loadharness.scenarios.server.ServerEnvironments").info("Temporal server: dev-server (auto)");
      Logger testcontainers = context.getLogger("org.testcontainers.dockerclient.DockerClientProviderStrategy");
      testcontainers.info("Found docker client settings; PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin");
      context.getLogger("java.util.prefs").info("Created user preferences directory.");
      context.getLogger("org.testcontainers.utility.ResourceReaper").warn("\n*****\nRyuk has been disabled.\n*****\n");
      Logger grpc = context.getLogger("io.grpc.internal.ManagedChannelImpl");
      for (int i = 0; i < 100; i++) {
        grpc.warn("[Channel<" + i + ">] Failed to resolve name.\n  status: UNAVAILABLE", new IllegalStateException("io exception"));
      }
    } finally {
      context.stop();
      System.setOut(original);
    }

    String out = console.toString(StandardCharsets.UTF_8);
    assertThat(out.lines())
        .hasSize(5)
        .anySatisfy(line -> assertThat(line).endsWith("INFO  d.l.s.s.ServerEnvironments - Temporal server: dev-server (auto)"));
    assertThat(out)
        .doesNotContain("PATH=")
        .doesNotContain("preferences")
        .doesNotContain("IllegalStateException")
        .contains("WARN  i.g.i.ManagedChannelImpl - [Channel<0>] Failed to resolve name. status: UNAVAILABLE [more in "
            + libraryLog + "]")
        .contains("WARN  o.t.utility.ResourceReaper - Ryuk has been disabled. [more in ")
        .contains("[Channel<2>]")
        .doesNotContain("[Channel<3>]");
    String file = Files.readString(libraryLog);
    assertThat(file)
        .contains("Temporal server: dev-server (auto)")
        .contains("PATH=/usr/local/sbin")
        .contains("Created user preferences directory.")
        .contains("[Channel<99>] Failed to resolve name.")
        .contains("java.lang.IllegalStateException: io exception");
  }
}
