package dev.loadharness.scenarios.spec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The arguments a user's workflow is started with: JSON values in which strings may hold variables,
 * rendered once per workflow. A string that is exactly one numeric variable becomes a number; anywhere
 * else a variable is replaced by its text; {@code $${} is a literal {@code ${}.
 *
 * <p>Variables: {@code ${index}} (the workflow's sequence number in the run), {@code ${workflow_id}},
 * {@code ${uuid}} (seeded, so a run's seed reproduces it), {@code ${payload:N}} (N seeded random letters
 * and digits, N up to {@value #MAX_PAYLOAD}), {@code ${random_int:N}} (seeded, 0 to N-1).
 *
 * @param args one template per workflow argument, in order
 */
public record InputTemplate(List<JsonNode> args) {
  /** The largest {@code payload:N}: Temporal's default blob size limit is 2 MiB per payload. */
  public static final int MAX_PAYLOAD = 1024 * 1024;
  /** Every variable, for error messages. */
  public static final String KNOWN = "index, workflow_id, uuid, payload:N, random_int:N";
  /** No arguments. */
  public static final InputTemplate NONE = new InputTemplate(List.of());

  private static final Pattern VARIABLE = Pattern.compile("\\$\\{([a-z_]+)(?::([^}]*))?}");

  public InputTemplate {
    args = args.stream().map(JsonNode::deepCopy).map(n -> (JsonNode) n).toList();
  }

  /**
   * Checks every variable of {@code args} and returns the template, adding one problem per bad variable
   * (path like {@code mix[0].args[1].customer}) to {@code problems}.
   */
  static InputTemplate parse(String path, JsonNode args, List<String> problems) {
    if (args == null || args.isNull()) {
      return NONE;
    }
    if (!args.isArray()) {
      problems.add(path + ": must be a list of the workflow's arguments (JSON values), got " + args.getNodeType()
          .name().toLowerCase(java.util.Locale.ROOT));
      return NONE;
    }
    List<JsonNode> list = new ArrayList<>();
    for (int i = 0; i < args.size(); i++) {
      check(path + "[" + i + "]", args.get(i), problems);
      list.add(args.get(i));
    }
    return new InputTemplate(list);
  }

  private static void check(String path, JsonNode node, List<String> problems) {
    if (node.isTextual()) {
      Matcher m = VARIABLE.matcher(node.asText());
      while (m.find()) {
        if (m.start() > 0 && node.asText().charAt(m.start() - 1) == '$') {
          continue;
        }
        problem(m.group(1), m.group(2)).ifPresent(p -> problems.add(path + ": " + m.group() + " " + p));
      }
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        check(path + "[" + i + "]", node.get(i), problems);
      }
    } else if (node.isObject()) {
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> field = it.next();
        check(path + "." + field.getKey(), field.getValue(), problems);
      }
    }
  }

  private static java.util.Optional<String> problem(String name, String arg) {
    return switch (name) {
      case "index", "workflow_id", "uuid" -> arg == null
          ? java.util.Optional.empty() : java.util.Optional.of("takes no argument");
      case "payload" -> size(arg, MAX_PAYLOAD, "bytes");
      case "random_int" -> size(arg, Integer.MAX_VALUE, "the bound");
      default -> java.util.Optional.of("is not a variable; known: " + KNOWN);
    };
  }

  private static java.util.Optional<String> size(String arg, int max, String what) {
    try {
      int n = Integer.parseInt(arg == null ? "" : arg);
      return n >= 1 && n <= max ? java.util.Optional.empty()
          : java.util.Optional.of("needs " + what + " from 1 to " + max + ", got " + n);
    } catch (NumberFormatException e) {
      return java.util.Optional.of("needs " + what + " as a whole number from 1 to " + max + ", got \""
          + (arg == null ? "" : arg) + "\"");
    }
  }

  /**
   * The arguments of workflow {@code index}: every variable replaced; values drawn from a generator
   * seeded with {@code seed}, so the same run seed gives the same inputs.
   */
  public Object[] render(long index, String workflowId, long seed) {
    Random random = new Random(seed);
    Object[] out = new Object[args.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = render(args.get(i), index, workflowId, random);
    }
    return out;
  }

  private static JsonNode render(JsonNode node, long index, String workflowId, Random random) {
    JsonNodeFactory f = JsonNodeFactory.instance;
    if (node.isTextual()) {
      String text = node.asText();
      Matcher whole = VARIABLE.matcher(text);
      if (whole.matches() && whole.group(1).equals("index")) {
        return f.numberNode(index);
      }
      if (whole.matches() && whole.group(1).equals("random_int")) {
        return f.numberNode(random.nextInt(Integer.parseInt(whole.group(2))));
      }
      return f.textNode(interpolate(text, index, workflowId, random));
    }
    if (node.isArray()) {
      ArrayNode copy = f.arrayNode();
      node.forEach(child -> copy.add(render(child, index, workflowId, random)));
      return copy;
    }
    if (node.isObject()) {
      ObjectNode copy = f.objectNode();
      node.fields().forEachRemaining(e -> copy.set(e.getKey(), render(e.getValue(), index, workflowId, random)));
      return copy;
    }
    return node;
  }

  private static String interpolate(String text, long index, String workflowId, Random random) {
    Matcher m = VARIABLE.matcher(text);
    StringBuilder out = new StringBuilder();
    int last = 0;
    while (m.find()) {
      boolean escaped = m.start() > 0 && text.charAt(m.start() - 1) == '$';
      out.append(text, last, escaped ? m.start() - 1 : m.start());
      out.append(escaped ? m.group() : value(m.group(1), m.group(2), index, workflowId, random));
      last = m.end();
    }
    return out.append(text.substring(last)).toString();
  }

  private static String value(String name, String arg, long index, String workflowId, Random random) {
    return switch (name) {
      case "index" -> Long.toString(index);
      case "workflow_id" -> workflowId;
      case "uuid" -> uuid(random).toString();
      case "payload" -> payload(random, Integer.parseInt(arg));
      case "random_int" -> Integer.toString(random.nextInt(Integer.parseInt(arg)));
      default -> throw new IllegalStateException("unchecked variable " + name);
    };
  }

  /** A version-4 UUID from the seeded generator (UUID.randomUUID would not reproduce). */
  private static UUID uuid(Random random) {
    long high = (random.nextLong() & ~0xF000L) | 0x4000L;
    long low = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
    return new UUID(high, low);
  }

  private static String payload(Random random, int size) {
    String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    char[] chars = new char[size];
    for (int i = 0; i < size; i++) {
      chars[i] = alphabet.charAt(random.nextInt(alphabet.length()));
    }
    return new String(chars);
  }
}
