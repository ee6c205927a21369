package dev.loadharness.gatling.logging;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.filter.Filter;
import ch.qos.logback.core.spi.FilterReply;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Lets the first few console lines of each library logger through and drops the rest. A gRPC channel
 * that cannot connect warns on every retry; a hundred such lines would bury the harness's own error
 * and verdict. The library log file ({@code tlh.log.file}) still receives every line.
 */
public final class ConsoleBudgetFilter extends Filter<ILoggingEvent> {
  private final ConcurrentHashMap<String, AtomicInteger> seen = new ConcurrentHashMap<>();
  private int perLogger = 3;

  /** How many lines each logger may print to the console; at least 1. */
  public void setPerLogger(int perLogger) {
    if (perLogger < 1) {
      throw new IllegalArgumentException("ConsoleBudgetFilter perLogger must be at least 1, was " + perLogger);
    }
    this.perLogger = perLogger;
  }

  @Override
  public FilterReply decide(ILoggingEvent event) {
    int count = seen.computeIfAbsent(event.getLoggerName(), name -> new AtomicInteger()).incrementAndGet();
    return count <= perLogger ? FilterReply.NEUTRAL : FilterReply.DENY;
  }
}
