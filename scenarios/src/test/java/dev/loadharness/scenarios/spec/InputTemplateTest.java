package dev.loadharness.scenarios.spec;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class InputTemplateTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static InputTemplate parse(String json, List<String> problems) throws Exception {
    return InputTemplate.parse("mix[0].args", JSON.readTree(json), problems);
  }

  @Test
  void aWholeNumericVariableBecomesANumberAndOthersAreInterpolated() throws Exception {
    List<String> problems = new ArrayList<>();
    InputTemplate t = parse("[{\"n\": \"${index}\", \"id\": \"order-${index}\", \"wf\": \"${workflow_id}\", "
        + "\"literal\": \"$${index}\", \"list\": [\"${random_int:10}\"], \"flag\": true}, 7]", problems);
    assertThat(problems).isEmpty();
    Object[] args = t.render(41, "run-wf-41", 5L);
    JsonNode first = (JsonNode) args[0];
    assertThat(first.get("n").isNumber()).isTrue();
    assertThat(first.get("n").asLong()).isEqualTo(41);
    assertThat(first.get("id").asText()).isEqualTo("order-41");
    assertThat(first.get("wf").asText()).isEqualTo("run-wf-41");
    assertThat(first.get("literal").asText()).isEqualTo("${index}");
    assertThat(first.get("list").get(0).asInt()).isBetween(0, 9);
    assertThat(first.get("flag").asBoolean()).isTrue();
    assertThat(((JsonNode) args[1]).asInt()).isEqualTo(7);
  }

  @Test
  void theSameSeedGivesTheSameInputsAndAnotherSeedOthers() throws Exception {
    InputTemplate t = parse("[\"${uuid}\", \"${payload:64}\"]", new ArrayList<>());
    Object[] a = t.render(1, "w", 99L);
    Object[] b = t.render(1, "w", 99L);
    Object[] c = t.render(1, "w", 100L);
    assertThat(a[0]).isEqualTo(b[0]).isNotEqualTo(c[0]);
    assertThat(((JsonNode) a[0]).asText()).matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
    assertThat(((JsonNode) a[1]).asText()).hasSize(64).matches("[A-Za-z0-9]+").isEqualTo(((JsonNode) b[1]).asText());
  }

  @Test
  void everyBadVariableIsAProblemNamingItsPath() throws Exception {
    List<String> problems = new ArrayList<>();
    parse("[{\"a\": {\"b\": [\"x ${nope}\"]}, \"c\": \"${payload}\", \"d\": \"${payload:0}\", "
        + "\"e\": \"${index:3}\", \"f\": \"${payload:" + (InputTemplate.MAX_PAYLOAD + 1) + "}\"}]", problems);
    assertThat(problems).containsExactly(
        "mix[0].args[0].a.b[0]: ${nope} is not a variable; known: " + InputTemplate.KNOWN,
        "mix[0].args[0].c: ${payload} needs bytes as a whole number from 1 to 1048576, got \"\"",
        "mix[0].args[0].d: ${payload:0} needs bytes from 1 to 1048576, got 0",
        "mix[0].args[0].e: ${index:3} takes no argument",
        "mix[0].args[0].f: ${payload:1048577} needs bytes from 1 to 1048576, got 1048577");
  }

  @Test
  void argsMustBeAList() throws Exception {
    List<String> problems = new ArrayList<>();
    parse("{\"a\": 1}", problems);
    assertThat(problems).containsExactly("mix[0].args: must be a list of the workflow's arguments (JSON values), got object");
  }
}
