package dev.loadharness.gatling.scrape;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * A parser of the Prometheus text exposition format (version 0.0.4, which Temporal's server and the SDK's
 * Micrometer registry serve): comment and {@code # HELP}/{@code # TYPE} lines skipped, label values with
 * {@code \\}, {@code \"} and {@code \n} escapes, optional timestamps. Neither the Prometheus Java client
 * nor Micrometer ships a parser (both only write the format), hence this small one (docs/architecture.md).
 */
public final class PrometheusText {
  private PrometheusText() {}

  /** Every sample of {@code text}. */
  public static List<PromSample> parse(String text) {
    return parse(text, name -> true);
  }

  /**
   * The samples of {@code text} whose name {@code keep} accepts (a server exposes thousands; a run keeps the
   * few it reads).
   *
   * @throws IllegalArgumentException naming the line number and what is wrong with it
   */
  public static List<PromSample> parse(String text, Predicate<String> keep) {
    List<PromSample> samples = new ArrayList<>();
    int lineNumber = 0;
    for (String line : text.split("\n", -1)) {
      lineNumber++;
      String l = line.strip();
      if (l.isEmpty() || l.startsWith("#")) {
        continue;
      }
      int nameEnd = 0;
      while (nameEnd < l.length() && l.charAt(nameEnd) != '{' && !Character.isWhitespace(l.charAt(nameEnd))) {
        nameEnd++;
      }
      String name = l.substring(0, nameEnd);
      if (name.isEmpty()) {
        throw new IllegalArgumentException("line " + lineNumber + ": no metric name: " + l);
      }
      if (!keep.test(name)) {
        continue;
      }
      Map<String, String> labels = new LinkedHashMap<>();
      int i = nameEnd;
      if (i < l.length() && l.charAt(i) == '{') {
        i = labels(l, i + 1, labels, lineNumber);
      }
      String[] rest = l.substring(i).strip().split("\\s+");
      if (rest.length == 0 || rest[0].isEmpty()) {
        throw new IllegalArgumentException("line " + lineNumber + ": no value: " + l);
      }
      samples.add(new PromSample(name, labels, value(rest[0], lineNumber)));
    }
    return samples;
  }

  /** Reads {@code k="v",...}} from {@code i}; returns the index after the closing brace. */
  private static int labels(String l, int i, Map<String, String> labels, int lineNumber) {
    while (true) {
      while (i < l.length() && (l.charAt(i) == ',' || l.charAt(i) == ' ')) {
        i++;
      }
      if (i < l.length() && l.charAt(i) == '}') {
        return i + 1;
      }
      int eq = l.indexOf('=', i);
      if (eq < 0 || eq + 1 >= l.length() || l.charAt(eq + 1) != '"') {
        throw new IllegalArgumentException("line " + lineNumber + ": bad label at column " + (i + 1) + ": " + l);
      }
      String key = l.substring(i, eq).strip();
      StringBuilder value = new StringBuilder();
      int j = eq + 2;
      for (; j < l.length() && l.charAt(j) != '"'; j++) {
        char c = l.charAt(j);
        if (c == '\\' && j + 1 < l.length()) {
          char next = l.charAt(++j);
          value.append(next == 'n' ? '\n' : next);
        } else {
          value.append(c);
        }
      }
      if (j >= l.length()) {
        throw new IllegalArgumentException("line " + lineNumber + ": unterminated label value: " + l);
      }
      labels.put(key, value.toString());
      i = j + 1;
    }
  }

  private static double value(String text, int lineNumber) {
    switch (text) {
      case "+Inf", "Inf" -> {
        return Double.POSITIVE_INFINITY;
      }
      case "-Inf" -> {
        return Double.NEGATIVE_INFINITY;
      }
      case "NaN" -> {
        return Double.NaN;
      }
      default -> {
        try {
          return Double.parseDouble(text);
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException("line " + lineNumber + ": \"" + text + "\" is not a number");
        }
      }
    }
  }
}
