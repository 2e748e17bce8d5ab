package io.pagorecon.pagoefectivo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.pagorecon.core.money.Currency;
import io.pagorecon.core.money.Money;
import io.pagorecon.core.payment.PaymentState;
import io.pagorecon.pagoefectivo.internal.Lenient;
import io.pagorecon.pagoefectivo.internal.RateLimiter;
import io.pagorecon.pagoefectivo.internal.StatusMapping;
import io.pagorecon.pagoefectivo.internal.Transport;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class UnitsTest {

  private static JsonNode json(String s) throws Exception {
    return Transport.JSON.readTree(s);
  }

  @Test
  void statusMapping_shouldTreatCanceladoAsPaid_andUnknownCodesAsUnknown() {
    StatusMapping m = new StatusMapping(24, "Extornado");

    assertEquals(PaymentState.PAID, m.map(23, "Cancelado", "1"));
    assertEquals(PaymentState.PENDING, m.map(22, "Generado", "1"));
    assertEquals(PaymentState.EXPIRED, m.map(21, "Expirado", "1"));
    assertEquals(PaymentState.DELETED, m.map(25, "Eliminado", "1"));
    assertEquals(PaymentState.REFUNDED, m.map(24, "", "1"));
    assertEquals(PaymentState.REFUNDED, m.map(592, "extornado", "1"));
    assertEquals(PaymentState.UNKNOWN, m.map(99, "Raro", "1"));
  }

  @Test
  void lenient_shouldReadCodeAndCipAsStringOrNumber_andAmountsWithoutTrailingZeros() throws Exception {
    JsonNode n = json("{\"a\":\"100\",\"b\":100,\"c\":11546901,\"d\":\"11546901\",\"e\":22.5,\"f\":\"22.50\",\"g\":1}");

    assertEquals(100, Lenient.code(n.get("a")).getAsInt());
    assertEquals(100, Lenient.code(n.get("b")).getAsInt());
    assertEquals(Optional.of("11546901"), Lenient.cip(n.get("c")));
    assertEquals(Optional.of("11546901"), Lenient.cip(n.get("d")));
    assertEquals(Optional.of(Money.of("22.50", Currency.PEN)), Lenient.money(n.get("e"), json("\"PEN\"")));
    assertEquals(Optional.of(Money.of("22.50", Currency.PEN)), Lenient.money(n.get("f"), json("\"PEN\"")));
    assertEquals(Optional.of(Money.of("1.00", Currency.USD)), Lenient.money(n.get("g"), json("\"USD\"")));
    assertFalse(Lenient.cip(json("\"12a\"")).isPresent());
  }

  @Test
  void lenient_shouldReadDatesWithSpaceOrT_andTreatEmptyAsAbsent() throws Exception {
    OffsetDateTime expected = OffsetDateTime.parse("2024-01-15T10:35:12-05:00");

    assertEquals(Optional.of(expected), Lenient.date(json("\"2024-01-15 10:35:12-05:00\"")));
    assertEquals(Optional.of(expected), Lenient.date(json("\"2024-01-15T10:35:12-0500\"")));
    assertEquals(Optional.empty(), Lenient.date(json("\"\"")));
    assertEquals(Optional.empty(), Lenient.date(json("null")));
    assertEquals(Optional.empty(), Lenient.date(null));
  }

  @Test
  void retryPolicy_shouldDoubleUpToTheCap_withBoundedJitter() {
    RetryPolicy p = new RetryPolicy(6, Duration.ofMillis(100), Duration.ofMillis(500), 0.5);

    assertEquals(Duration.ofMillis(50), p.delayBefore(1, 0));
    assertEquals(Duration.ofMillis(100), p.delayBefore(1, 1));
    assertEquals(Duration.ofMillis(200), p.delayBefore(2, 1));
    assertEquals(Duration.ofMillis(400), p.delayBefore(3, 1));
    assertEquals(Duration.ofMillis(500), p.delayBefore(4, 1), "capped");
    assertEquals(Duration.ofMillis(500), p.delayBefore(40, 1), "no overflow");
  }

  @Test
  void rateLimiter_shouldSpaceCallsAtTheConfiguredRate() throws Exception {
    AtomicLong nanos = new AtomicLong(1_000_000_000L);
    List<Duration> waits = new ArrayList<>();
    RateLimiter limiter = new RateLimiter(4, nanos::get, d -> {
      waits.add(d);
      nanos.addAndGet(d.toNanos());
    });

    for (int i = 0; i < 3; i++) {
      limiter.acquire();
    }
    nanos.addAndGet(2_000_000_000L);
    limiter.acquire();

    assertEquals(List.of(Duration.ofMillis(250), Duration.ofMillis(250)), waits, "the 4th call after a pause waits not");
  }

  @Test
  void config_shouldPointPresetsAtTheRealHosts_andNeverPrintSecrets() {
    PagoEfectivoCredentials c = new PagoEfectivoCredentials("AK", "TOPSECRET", "1035");

    assertEquals("https://pre1a.services.pagoefectivo.pe/v1/", PagoEfectivoConfig.sandbox(c).baseUrl().toString());
    assertEquals("https://services.pagoefectivo.pe/v1/", PagoEfectivoConfig.production(c).baseUrl().toString());
    assertFalse(PagoEfectivoConfig.production(c).toString().contains("TOPSECRET"));
    assertTrue(PagoEfectivoConfig.of(java.net.URI.create("http://127.0.0.1:1/v1"), c).baseUrl().toString().endsWith("/v1/"));
  }
}
