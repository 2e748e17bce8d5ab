package io.pagorecon.pagoefectivo.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class JournalMaskingTest {

  @Test
  void mask_shouldHideSecretsAndPersonalData_inAnyCaseAndSpacing() {
    String create = "{\"currency\":\"PEN\",\"amount\":160.35,\"transactionCode\":\"ORD-1\",\"userEmail\" : \"ana.perez@example.com\","
        + "\"adminEmail\":\"ops@shop.pe\",\"userName\":\"Ana\",\"userLastName\":\"Pérez \\\"la\\\" Q\",\"userDocumentType\":\"DNI\","
        + "\"USERDOCUMENTNUMBER\":45871236,\"userPhone\":\"987654321\",\"userId\":\"u-77\",\"paymentConcept\":\"write to x@y.pe\"}";

    String masked = JournalMasking.mask(create);

    assertThat(masked).doesNotContain("ana.perez", "ops@shop.pe", "Ana", "Pérez", "45871236", "987654321", "u-77", "x@y.pe")
        .contains("\"amount\":160.35", "\"transactionCode\":\"ORD-1\"", "\"userDocumentType\":\"DNI\"", "\"USERDOCUMENTNUMBER\":\"***\"");
  }

  @Test
  void mask_shouldHideTheAuthorizationFields_andTheToken() {
    String auth = "{\"accessKey\":\"ACCESSKEYEXAMPLE0001\",\"idService\":1035,\"dateRequest\":\"2024-01-15T10:30:00-05:00\","
        + "\"hashString\":\"c8b73fe9a0774f9731876df99b59b919fb2eb94fc7d93ff9e9d55145ecb5e7b8\"}";
    String answer = "{\"code\":100,\"data\":{\"token\":\"eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJTSU0ifQ.abc\",\"codeService\":\"SIM\"}}";

    assertThat(JournalMasking.mask(auth)).doesNotContain("ACCESSKEYEXAMPLE0001", "c8b73fe9").contains("\"idService\":1035");
    assertThat(JournalMasking.mask(answer)).doesNotContain("eyJ").contains("\"codeService\":\"SIM\"");
  }

  @Test
  void mask_shouldHideFields_inATruncatedOrNonJsonBody() {
    String truncated = "{\"code\":100,\"data\":{\"token\":\"eyJhbGciOiJIUzI1NiJ9.eyJzdWIi";

    assertThat(JournalMasking.mask(truncated)).doesNotContain("eyJ").endsWith("\"token\":\"***\"");
    assertThat(JournalMasking.mask("<html>mail me: a@b.pe</html>")).isEqualTo("<html>mail me: ***</html>");
  }
}
