package dev.loadharness.runtime.replay;

import java.io.PrintWriter;
import java.util.Locale;

/** The one-line-per-history text output. */
final class HumanFormat {

  private HumanFormat() {}

  static void print(PrintWriter out, HistoryOutcome o) {
    out.printf(Locale.ROOT, "%-16s %s  id=%s  events=%d  bytes=%d  fetch=%.1f decode=%.1f replay=%.1f ms%n",
        o.verdict(), o.source(), o.workflowId(), o.events(), o.bytes(), o.fetchMs(), o.decodeMs(), o.replayMs());
    if (o.format().startsWith("temporal-cli")) {
      out.printf("  fetched with the Temporal CLI: %s%n", o.format());
    }
    switch (o.verdict()) {
      case NONDETERMINISTIC:
        out.printf("  diverged at event %d: history has %s; the workflow code produced %s%n",
            o.divergence().eventId(), o.divergence().expected(), o.divergence().actual());
        out.printf("  sdk: %s%n", o.divergence().message());
        break;
      case BAD_INPUT:
        out.printf("  %s%n", o.detail());
        break;
      case REPLAY_FAILED:
        int where = o.detail().indexOf(ReplayFailure.WHERE_SEPARATOR);
        if (where < 0) {
          out.printf("  cause: %s%n", o.detail());
        } else {
          out.printf("  cause: %s%n  in: %s%n", o.detail().substring(0, where),
              o.detail().substring(where + ReplayFailure.WHERE_SEPARATOR.length()));
        }
        break;
      case DECODED:
        out.printf("  type=%s format=%s first=%s last=%s%n  events by type: %s%n",
            o.workflowType(), o.format(), o.firstEventTime(), o.lastEventTime(), o.eventTypes());
        break;
      default:
        if (!o.detail().isEmpty()) {
          out.printf("  %s%n", o.detail());
        }
    }
  }
}
