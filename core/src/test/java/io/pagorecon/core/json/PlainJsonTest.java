package io.pagorecon.core.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** PlainJson (jackson-core only) reads what the handlers read as databind's tree did, and writes what databind wrote. */
class PlainJsonTest {

  static Object parse(String s) throws IOException {
    return PlainJson.parse(s.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void parse_shouldReadObjectsArraysStringsAndScalars() throws Exception {
    Object auth = parse("{\"code\":100,\"message\":\"ok\",\"data\":{\"token\":\"t\",\"tokenStart\":\"2024-01-15T10:00:00-05:00\",\"n\":null}}");

    assertThat(PlainJson.text(auth, "code")).isEqualTo("100");
    assertThat(PlainJson.text(auth, "data", "tokenStart")).isEqualTo("2024-01-15T10:00:00-05:00");
    assertThat(PlainJson.at(auth, "data", "token")).isEqualTo("t");
    assertThat(PlainJson.at(auth, "data", "n")).as("JSON null").isNull();
    assertThat(PlainJson.text(auth, "data", "missing")).isEmpty();
    assertThat(PlainJson.text(auth, "data")).as("an object has no text").isEmpty();
    assertThat(PlainJson.at(parse("{\"data\":[{\"field\":\"accessKey\"},{\"field\":true}]}"), "data")).isInstanceOf(List.class);
    assertThat(PlainJson.text(((List<?>) PlainJson.at(parse("{\"data\":[{\"field\":true}]}"), "data")).get(0), "field")).isEqualTo("true");
    assertThat(PlainJson.text(parse("{\"trigger\":\"a\",\"trigger\":\"b\"}"), "trigger")).as("the last of a repeated key").isEqualTo("b");
    assertThat(parse("")).isNull();
    assertThat(parse("null")).isNull();
    assertThat(parse("[1]")).isInstanceOf(List.class);
    assertThatThrownBy(() -> parse("{\"a\":")).isInstanceOf(IOException.class);
  }

  @Test
  void write_shouldEqualDatabindsOutput() throws Exception {
    Map<String, Object> check = new LinkedHashMap<>();
    check.put("check", "pipeline");
    check.put("finding", "Ünïcode \"quoted\" \\ and\nnewline");
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("requestId", "r-1");
    answer.put("failed", 1);
    answer.put("idService", 1035L);
    answer.put("ok", false);
    answer.put("checks", List.of(check));

    String written = PlainJson.write(answer);

    assertThat(written).isEqualTo(new ObjectMapper().writeValueAsString(answer));
  }
}
