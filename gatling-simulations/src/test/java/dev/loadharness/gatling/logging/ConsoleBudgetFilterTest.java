package dev.loadharness.gatling.logging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.core.spi.FilterReply;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConsoleBudgetFilterTest {
  private final LoggerContext context = new LoggerContext();

  private LoggingEvent warning(String logger) {
    return new LoggingEvent("test", context.getLogger(logger), Level.WARN, "retrying", null, null);
  }

  @Test
  void aStormFromOneLoggerIsCutAfterTheBudgetWhileOthersStillSpeak() {
    ConsoleBudgetFilter filter = new ConsoleBudgetFilter();
    filter.setPerLogger(3);
    List<FilterReply> grpc = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      grpc.add(filter.decide(warning("io.grpc.internal.ManagedChannelImpl")));
    }
    assertThat(grpc.subList(0, 3)).containsOnly(FilterReply.NEUTRAL);
    assertThat(grpc.subList(3, 100)).containsOnly(FilterReply.DENY);
    assertThat(filter.decide(warning("org.testcontainers.DockerClientFactory"))).isEqualTo(FilterReply.NEUTRAL);
  }

  @Test
  void aBudgetBelowOneIsRejectedWithTheValue() {
    assertThatThrownBy(() -> new ConsoleBudgetFilter().setPerLogger(0))
        .hasMessage("ConsoleBudgetFilter perLogger must be at least 1, was 0");
  }
}
