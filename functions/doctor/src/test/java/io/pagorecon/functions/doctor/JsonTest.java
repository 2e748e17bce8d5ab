package io.pagorecon.functions.doctor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Json (jackson-core only) reads what the doctor reads as databind's tree did, and writes what databind wrote. */
class JsonTest {

  static Object parse(String s) throws IOException {
    return Json.parse(s.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void parse_shouldReadObjectsArraysStringsAndScalars() throws Exception {
    Object auth = parse("{\"code\":100,\"message\":\"ok\",\"data\":{\"token\":\"t\",\"tokenStart\":\"2024-01-15T10:00:00-05:00\",\"n\":null}}");

    assertThat(Json.text(auth, "code")).isEqualTo("100");
    assertThat(Json.text(auth, "data", "tokenStart")).isEqualTo("2024-01-15T10:00:00-05:00");
    assertThat(Json.at(auth, "data", "token")).isEqualTo("t");
    assertThat(Json.at(auth, "data", "n")).as("JSON null").isNull();
    assertThat(Json.text(auth, "data", "missing")).isEmpty();
    assertThat(Json.text(auth, "data")).as("an object has no text").isEmpty();
    assertThat(Json.at(parse("{\"data\":[{\"field\":\"accessKey\"},{\"field\":true}]}"), "data")).isInstanceOf(List.class);
    assertThat(Json.text(((List<?>) Json.at(parse("{\"data\":[{\"field\":true}]}"), "data")).get(0), "field")).isEqualTo("true");
    assertThat(Json.text(parse("{\"trigger\":\"a\",\"trigger\":\"b\"}"), "trigger")).as("the last of a repeated key").isEqualTo("b");
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

    String written = Json.write(answer);

    assertThat(written).isEqualTo(new ObjectMapper().writeValueAsString(answer));
  }
}
