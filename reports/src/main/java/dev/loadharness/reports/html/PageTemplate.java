package dev.loadharness.reports.html;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Fills the self-contained page template: inlines uPlot's JS and CSS from its webjar, the page's own
 * chart script, the server-rendered (escaped) body and the charts as a JSON data island.
 *
 * <p>Inlining rather than linking keeps a report readable offline and attachable to a CI run as one file.
 */
public final class PageTemplate {

  private static final Pattern SLOT = Pattern.compile("\\{\\{([a-z_]+)}}");
  private static final ObjectMapper JSON = JsonMapper.builder()
      .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS).build();
  private static final String TEMPLATE = resource("/dev/loadharness/reports/html/page.html");
  private static final String STYLE = resource("/dev/loadharness/reports/html/report.css");
  private static final String SCRIPT = resource("/dev/loadharness/reports/html/charts.js");
  private static final String UPLOT_VERSION = readUplotVersion();
  private static final String UPLOT_JS = resource(uplotPath("uPlot.iife.min.js"));
  private static final String UPLOT_CSS = resource(uplotPath("uPlot.min.css"));

  private PageTemplate() {}

  private static String readUplotVersion() {
    Properties p = new Properties();
    try (InputStream in = PageTemplate.class.getResourceAsStream(
        "/META-INF/maven/org.webjars.npm/uplot/pom.properties")) {
      if (in == null) {
        throw new IllegalStateException("uPlot webjar (org.webjars.npm:uplot) is not on the classpath");
      }
      p.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return p.getProperty("version");
  }

  /**
   * Renders a complete page.
   *
   * @param title page title (escaped here)
   * @param bodyHtml body markup, already escaped by the caller
   * @param charts charts for the page script, serialised into the data island
   */
  public static String render(String title, String bodyHtml, List<ChartSpec> charts) {
    String data;
    try {
      data = Html.scriptSafeJson(JSON.writeValueAsString(Map.of("charts", charts)));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise chart data: " + e.getMessage(), e);
    }
    Map<String, String> slots = Map.of(
        "title", Html.escape(title),
        "uplot_css", UPLOT_CSS,
        "style", STYLE,
        "body", bodyHtml,
        "data", data,
        "uplot_js", neutraliseScriptEnd(UPLOT_JS),
        "script", SCRIPT,
        "uplot_version", Html.escape(UPLOT_VERSION));
    Matcher m = SLOT.matcher(TEMPLATE);
    StringBuilder out = new StringBuilder(TEMPLATE.length() + UPLOT_JS.length() + bodyHtml.length() + data.length());
    while (m.find()) {
      String value = slots.get(m.group(1));
      if (value == null) {
        throw new IllegalStateException("page template has unknown slot {{" + m.group(1) + "}}");
      }
      m.appendReplacement(out, Matcher.quoteReplacement(value));
    }
    m.appendTail(out);
    return out.toString();
  }

  private static String neutraliseScriptEnd(String js) {
    return js.replace("</script", "<\\/script");
  }

  private static String uplotPath(String file) {
    return "/META-INF/resources/webjars/uplot/" + UPLOT_VERSION + "/dist/" + file;
  }

  private static String resource(String path) {
    try (InputStream in = PageTemplate.class.getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalStateException("missing classpath resource " + path);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read classpath resource " + path, e);
    }
  }
}
