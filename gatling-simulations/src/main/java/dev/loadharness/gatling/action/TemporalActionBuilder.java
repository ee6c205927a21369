package dev.loadharness.gatling.action;

import io.gatling.javaapi.core.ActionBuilder;

/** Puts a {@link TemporalCall} into a Gatling chain as a request named {@code requestName}. */
public final class TemporalActionBuilder implements ActionBuilder {
  private final String requestName;
  private final TemporalCall call;

  TemporalActionBuilder(String requestName, TemporalCall call) {
    this.requestName = requestName;
    this.call = call;
  }

  @Override
  public io.gatling.core.action.builder.ActionBuilder asScala() {
    return (context, next) -> new TemporalAction(requestName, call, context.coreComponents().statsEngine(),
        context.coreComponents().clock(), next);
  }
}
