package dev.loadharness.gatling.action;

import io.gatling.javaapi.core.Session;
import java.util.concurrent.CompletionStage;

/** One asynchronous Temporal call made for a virtual user; completes with the session to continue with. */
@FunctionalInterface
public interface TemporalCall {

  /** Starts the call without blocking and returns its outcome. */
  CompletionStage<Session> invoke(Session session);
}
