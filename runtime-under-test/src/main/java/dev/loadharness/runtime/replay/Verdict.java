package dev.loadharness.runtime.replay;

/** The result of replaying (or only decoding) one history, ordered by how much it matters to CI. */
public enum Verdict {
  /** Replayed and every command matched the history. */
  DETERMINISTIC,
  /** Decoded only ({@code --decode-only}); no replay was attempted. */
  DECODED,
  /** The input could not be used: unreadable, corrupt, not a history, unknown workflow type. */
  BAD_INPUT,
  /** Replay failed for another reason than a command mismatch (the workflow code threw during replay). */
  REPLAY_FAILED,
  /** The workflow code produced commands that do not match the history. */
  NONDETERMINISTIC
}
