package dev.loadharness.reports.html;

import dev.loadharness.reports.record.Numbers;

/** Escaping for generated HTML: every piece of text goes through {@link #escape}. */
public final class Html {

  private Html() {}

  /** Escapes text for HTML element content and quoted attribute values. */
  public static String escape(Object value) {
    if (value == null) {
      return "";
    }
    String s = value.toString();
    StringBuilder out = new StringBuilder(s.length() + 16);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }

  /**
   * Makes JSON safe to embed in a {@code <script type="application/json">} element.
   *
   * <p>Outside strings JSON never contains these characters, so escaping them everywhere as unicode
   * escapes keeps the JSON equal in meaning while a value such as {@code </script>} cannot end the element.
   */
  public static String scriptSafeJson(String json) {
    return json.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
        .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029");
  }

  /** Formats a number for tables ({@link Numbers#compact}). */
  public static String number(Double value) {
    return Numbers.compact(value);
  }

  /** The container the page script draws {@code chart} into: a heading and an empty plot element. */
  public static String chartContainer(ChartSpec chart) {
    return "<div class=\"chart\" id=\"" + escape(chart.id()) + "\" data-drawn=\"false\"><h3>" + escape(chart.title())
        + "</h3><div class=\"plot\"></div></div>\n";
  }
}
