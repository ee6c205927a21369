package dev.loadharness.gatling.action;

import com.typesafe.scalalogging.Logger;
import io.gatling.commons.stats.KO$;
import io.gatling.commons.stats.OK$;
import io.gatling.commons.util.Clock;
import io.gatling.core.action.Action;
import io.gatling.core.session.Session;
import io.gatling.core.stats.StatsEngine;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.LoggerFactory;
import scala.Option;

/**
 * A Gatling action around one asynchronous Temporal call: it never blocks the calling (Gatling) thread,
 * logs one request with the call's start (or an earlier time the session holds) and end time, and hands the session to {@code next} exactly
 * once, whether the call succeeded, failed, or threw before returning its future.
 */
final class TemporalAction implements Action {
  private static final Logger LOGGER = Logger.apply(LoggerFactory.getLogger(TemporalAction.class));

  private final String requestName;
  private final String sinceKey;
  private final String untilKey;
  private final TemporalCall call;
  private final StatsEngine stats;
  private final Clock clock;
  private final Action next;

  /**
   * @param sinceKey session key of the epoch-ms time the request is logged from; null: from this action's start
   * @param untilKey key of the epoch-ms time, in the call's session, the request is logged to; null or absent: the
   *     call's end
   */
  TemporalAction(String requestName, String sinceKey, String untilKey, TemporalCall call, StatsEngine stats,
      Clock clock, Action next) {
    this.requestName = requestName;
    this.sinceKey = sinceKey;
    this.untilKey = untilKey;
    this.call = call;
    this.stats = stats;
    this.clock = clock;
    this.next = next;
  }

  @Override
  public String name() {
    return requestName;
  }

  @Override
  public void execute(Session session) {
    io.gatling.javaapi.core.Session javaSession = new io.gatling.javaapi.core.Session(session);
    long start = sinceKey == null ? clock.nowMillis() : javaSession.getLong(sinceKey);
    CompletionStage<io.gatling.javaapi.core.Session> stage;
    try {
      stage = call.invoke(javaSession);
    } catch (RuntimeException e) {
      stage = java.util.concurrent.CompletableFuture.failedFuture(e);
    }
    AtomicBoolean handedOn = new AtomicBoolean();
    stage.whenComplete((after, error) -> {
      if (!handedOn.compareAndSet(false, true)) {
        return;
      }
      long end = error == null && untilKey != null && after.contains(untilKey) ? after.getLong(untilKey)
          : clock.nowMillis();
      if (error == null) {
        stats.logResponse(session.scenario(), session.groups(), requestName, start, end, OK$.MODULE$,
            Option.empty(), Option.empty());
        next.execute(after.asScala());
      } else {
        String cause = Causes.of(error);
        stats.logResponse(session.scenario(), session.groups(), requestName, start, end, KO$.MODULE$,
            Option.empty(), Option.apply(cause));
        next.execute(session.markAsFailed());
      }
    });
  }

  @Override
  public Logger logger() {
    return LOGGER;
  }

  @Override
  public void com$typesafe$scalalogging$StrictLogging$_setter_$logger_$eq(Logger logger) {
    // The logger is a constant of this class; Scala's trait initialiser is never run for a Java class.
  }
}
