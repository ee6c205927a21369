package dev.loadharness.reports.browser;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.loadharness.reports.html.PageData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What "every chart was drawn" means in a loaded page: no console output, each chart a canvas with its points. */
public final class ChartsDrawn {
  private ChartsDrawn() {}

  /** Loads {@code page} in {@code chromium} and asserts every chart it carries was drawn with its points. */
  public static Map<String, JsonNode> assertAllDrawn(HeadlessChromium chromium, Path page, Path work)
      throws Exception {
    Map<String, JsonNode> charts = PageData.charts(Files.readString(page));
    HeadlessChromium.Loaded loaded = chromium.load(page, work);
    assertThat(loaded.console()).as("console output of %s", page).isEmpty();
    assertThat(loaded.dom()).contains("data-charts-drawn=\"" + charts.size() + "\"");
    for (Map.Entry<String, JsonNode> chart : charts.entrySet()) {
      Matcher m = Pattern.compile("<div class=\"chart\" id=\"" + chart.getKey()
          + "\" data-drawn=\"([a-z]+)\"[^>]*? data-points=\"(\\d+)\"[^>]*>(.*?)</div></div></div>", Pattern.DOTALL)
          .matcher(loaded.dom());
      assertThat(m.find()).as("chart %s in the DOM after scripts ran", chart.getKey()).isTrue();
      assertThat(m.group(1)).as("chart %s drawn", chart.getKey()).isEqualTo("true");
      assertThat(Integer.parseInt(m.group(2))).as("points of %s", chart.getKey())
          .isEqualTo(PageData.points(chart.getValue())).isPositive();
      assertThat(m.group(3)).as("chart %s has a canvas", chart.getKey()).contains("<canvas");
    }
    return charts;
  }
}
