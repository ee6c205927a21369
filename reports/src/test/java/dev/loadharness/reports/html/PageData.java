package dev.loadharness.reports.html;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.Map;

/** Test helper: reads the chart data island back out of a rendered page. */
public final class PageData {

  private static final String OPEN = "<script type=\"application/json\" id=\"report-data\">";

  private PageData() {}

  /** Chart id to its spec as JSON, in page order. */
  public static Map<String, JsonNode> charts(String html) throws Exception {
    int start = html.indexOf(OPEN);
    if (start < 0) {
      throw new AssertionError("page has no data island");
    }
    start += OPEN.length();
    int end = html.indexOf("</script>", start);
    JsonNode root = new ObjectMapper().readTree(html.substring(start, end));
    Map<String, JsonNode> charts = new LinkedHashMap<>();
    root.get("charts").forEach(c -> charts.put(c.get("id").asText(), c));
    return charts;
  }

  /** Number of non-null y values across a chart's series. */
  public static int points(JsonNode chart) {
    int n = 0;
    for (JsonNode s : chart.get("series")) {
      for (JsonNode v : s.get("values")) {
        if (!v.isNull()) {
          n++;
        }
      }
    }
    return n;
  }
}
