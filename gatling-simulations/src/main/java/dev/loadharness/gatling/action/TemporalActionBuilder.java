package dev.loadharness.gatling.action;

import io.gatling.javaapi.core.ActionBuilder;

/**
 * Puts a {@link TemporalCall} into a Gatling chain as a request named {@code requestName}, timed from the
 * action's start or, with {@code sinceKey}, from the epoch-ms time the session holds under that key.
 */
public final class TemporalActionBuilder implements ActionBuilder {
  private final String requestName;
  private final String sinceKey;
  private final TemporalCall call;

  TemporalActionBuilder(String requestName, TemporalCall call) {
    this(requestName, null, call);
  }

  TemporalActionBuilder(String requestName, String sinceKey, TemporalCall call) {
    this.requestName = requestName;
    this.sinceKey = sinceKey;
    this.call = call;
  }

  @Override
  public io.gatling.core.action.builder.ActionBuilder asScala() {
    return (context, next) -> new TemporalAction(requestName, sinceKey, call, context.coreComponents().statsEngine(),
        context.coreComponents().clock(), next);
  }
}
