package dev.loadharness.gatling.action;

import io.gatling.javaapi.core.ActionBuilder;

/**
 * Puts a {@link TemporalCall} into a Gatling chain as a request named {@code requestName}, timed from the
 * action's start or, with {@code sinceKey}, from the epoch-ms time the session holds under that key, to the call's
 * end or, with {@code untilKey}, to the epoch-ms time the call's session holds under that key.
 */
public final class TemporalActionBuilder implements ActionBuilder {
  private final String requestName;
  private final String sinceKey;
  private final String untilKey;
  private final TemporalCall call;

  TemporalActionBuilder(String requestName, TemporalCall call) {
    this(requestName, null, null, call);
  }

  TemporalActionBuilder(String requestName, String sinceKey, String untilKey, TemporalCall call) {
    this.requestName = requestName;
    this.sinceKey = sinceKey;
    this.untilKey = untilKey;
    this.call = call;
  }

  @Override
  public io.gatling.core.action.builder.ActionBuilder asScala() {
    return (context, next) -> new TemporalAction(requestName, sinceKey, untilKey, call, context.coreComponents().statsEngine(),
        context.coreComponents().clock(), next);
  }
}
