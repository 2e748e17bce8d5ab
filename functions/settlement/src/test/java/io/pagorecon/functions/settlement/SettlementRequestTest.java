package io.pagorecon.functions.settlement;

import static org.assertj.core.api.Assertions.assertThat;

import io.pagorecon.core.ErrorCode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** SettlementRequest decodes with jackson-core alone (the jar has no databind): every way in, every rejection. */
class SettlementRequestTest {

  static final Instant NOW = Instant.parse("2024-01-22T04:00:00Z"); // still the 21st in Lima

  static SettlementRequest decode(String json) {
    return SettlementRequest.decode(json.getBytes(StandardCharsets.UTF_8), NOW);
  }

  static String s3Event(String detailType, String key) {
    return "{\"source\":\"aws.s3\",\"detail-type\":" + detailType + ",\"detail\":{\"bucket\":{\"name\":\"b\"},\"object\":{\"key\":" + key
        + ",\"size\":1}},\"resources\":[\"arn:aws:s3:::b\"]}";
  }

  @Test
  void decode_shouldReadEveryWayIn() {
    assertThat(decode(s3Event("\"Object Created\"", "\"inbox/bank/bcp.csv\""))).isEqualTo(
        new SettlementRequest(Optional.of(LocalDate.of(2024, 1, 21)), "bank_landed", Optional.empty(), ""));
    assertThat(decode(s3Event("\"Object Created\"", "\"inbox/settlements/l.xlsx\"")).trigger()).isEqualTo("settlement_landed");
    assertThat(decode("{\"asOf\":\"2024-01-10\"}")).isEqualTo(
        new SettlementRequest(Optional.of(LocalDate.of(2024, 1, 10)), "on_demand", Optional.empty(), ""));
    assertThat(decode("{}").asOf()).contains(LocalDate.of(2024, 1, 21));
    assertThat(decode(" { \"asOf\" : \"2024-01-10\" , \"asOf\" : \"2024-01-11\" } ").asOf()).as("the last of a repeated key")
        .contains(LocalDate.of(2024, 1, 11));
  }

  @Test
  void decode_shouldRejectWithAStableCode() {
    assertThat(decode("not json").code()).contains(ErrorCode.MALFORMED_JSON);
    assertThat(decode("").code()).contains(ErrorCode.MALFORMED_JSON);
    assertThat(decode("[1]").message()).isEqualTo("the event is not a JSON object");
    assertThat(decode("\"x\"").code()).contains(ErrorCode.MALFORMED_JSON);
    assertThat(decode(s3Event("\"Object Deleted\"", "\"inbox/bank/x.csv\"")).message()).isEqualTo("detail-type must be \"Object Created\"");
    assertThat(decode(s3Event("\"Object Created\"", "\"statements/x.csv\"")).message()).startsWith("detail.object.key is not under");
    assertThat(decode(s3Event("\"Object Created\"", "7")).message()).endsWith("inbox/bank/: 7");
    assertThat(decode("{\"asOf\":20240110}").code()).contains(ErrorCode.INVALID_FIELD);
    assertThat(decode("{\"asOf\":\"2024-02-30\"}").message()).isEqualTo("asOf is not a date YYYY-MM-DD: 2024-02-30");
    assertThat(decode("{\"when\":\"2024-01-10\"}").code()).contains(ErrorCode.MISSING_FIELD);
  }
}
