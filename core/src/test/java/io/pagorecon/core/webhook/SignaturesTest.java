package io.pagorecon.core.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** The two test vectors of docs/pagoefectivo.md, "API: test vectors". */
class SignaturesTest {

  static final String SECRET = "SECRETKEYEXAMPLE";
  static final byte[] BODY = ("{\"eventType\":\"cip.paid\",\"operationNumber\":\"1253\",\"data\":{\"cip\":\"11546901\","
      + "\"currency\":\"PEN\",\"amount\":22.05,\"paymentDate\":\"2024-01-15T10:35:12-05:00\",\"transactionCode\":\"ORD-1001\"}}")
      .getBytes(StandardCharsets.UTF_8);
  static final String SIGNATURE = "07eeb290af1ab6d80c17ed95c6eb7e4991e16428b5eef95faf2950551c042ffb";

  @Test
  void hashStringVector() {
    assertEquals("c8b73fe9a0774f9731876df99b59b919fb2eb94fc7d93ff9e9d55145ecb5e7b8",
        Signatures.hashString("1035", "ACCESSKEYEXAMPLE0001", "SECRETKEYEXAMPLE", "2024-01-15T10:30:00-05:00"));
  }

  @Test
  void peSignatureVector() {
    assertEquals(SIGNATURE, Signatures.hmacSha256Hex(SECRET, BODY));
    assertTrue(Signatures.verify(SECRET, BODY, SIGNATURE));
  }

  @Test
  void uppercaseSignatureIsAccepted() {
    assertTrue(Signatures.verify(SECRET, BODY, SIGNATURE.toUpperCase(Locale.ROOT)));
  }

  @Test
  void anyChangeIsRejected() {
    byte[] reserialized = new String(BODY, StandardCharsets.UTF_8).replace(":", ": ").getBytes(StandardCharsets.UTF_8);
    assertFalse(Signatures.verify(SECRET, reserialized, SIGNATURE), "whitespace changes the bytes");
    assertFalse(Signatures.verify("OTHERSECRET", BODY, SIGNATURE));
    assertFalse(Signatures.verify(SECRET, BODY, null));
    assertFalse(Signatures.verify(SECRET, BODY, SIGNATURE.substring(1)));
    assertFalse(Signatures.verify(SECRET, BODY, "zz" + SIGNATURE.substring(2)));
  }
}
