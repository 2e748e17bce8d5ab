package io.pagorecon.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SimulatorApiIT {

  /** 2024-01-15T10:30:00-05:00, the instant of the §11 hashString vector. */
  private static final Instant VECTOR_TIME = Instant.parse("2024-01-15T15:30:00Z");

  private PagoEfectivoSimulator sim;
  private String token;

  @BeforeEach
  void start() {
    sim = PagoEfectivoSimulator.start(SimulatorConfig.builder().clock(SimClock.frozenAt(VECTOR_TIME))
        .timeoutHold(Duration.ofMillis(200)).build());
    token = Http.token(sim);
  }

  @AfterEach
  void stop() {
    sim.close();
  }

  private Http.Response post(String path, String body) {
    return Http.send("POST", sim.baseUrl() + path, token, body);
  }

  private long createCip(String txn, String amount) {
    Http.Response r = post("cips", "{\"currency\":\"PEN\",\"amount\":" + amount + ",\"transactionCode\":\"" + txn
        + "\",\"userEmail\":\"shopper@example.com\",\"dateExpiry\":\"2024-01-16T10:30:00-05:00\"}");
    assertEquals(201, r.status(), r.body());
    return r.json().path("data").path("cip").asLong();
  }

  private JsonNode searchOne(long cip) {
    Http.Response r = post("cips/search", "{\"data\":[{\"cip\":" + cip + "}]}");
    assertEquals(200, r.status(), r.body());
    return r.json().path("data").get(0);
  }

  private static JsonNode firstItem(JsonNode body) {
    JsonNode data = body.path("data");
    return data.isArray() ? data.get(0) : data;
  }

  @Test
  void authorizations_shouldAcceptTheDocumentedVector_whenHashMatches() {
    String body = "{\"accessKey\":\"ACCESSKEYEXAMPLE0001\",\"idService\":1035,\"dateRequest\":\"2024-01-15T10:30:00-05:00\","
        + "\"hashString\":\"c8b73fe9a0774f9731876df99b59b919fb2eb94fc7d93ff9e9d55145ecb5e7b8\"}";

    Http.Response r = Http.send("POST", sim.baseUrl() + "authorizations", null, body);

    assertEquals(201, r.status());
    assertEquals(100, r.json().path("code").asInt());
    assertEquals("Solicitud exitosa.", r.json().path("message").asText());
    JsonNode data = r.json().path("data");
    assertEquals("2024-01-15T10:30:00-05:00", data.path("tokenStart").asText());
    assertEquals("2024-01-15T12:30:00-05:00", data.path("tokenExpires").asText());
    assertTrue(data.path("token").asText().split("\\.").length == 3, "JWT-shaped token");
  }

  @Test
  void authorizations_shouldReject111WithHashStringItem_whenHashIsWrong() {
    String body = "{\"accessKey\":\"ACCESSKEYEXAMPLE0001\",\"idService\":1035,\"dateRequest\":\"2024-01-15T10:30:00-05:00\","
        + "\"hashString\":\"" + "0".repeat(64) + "\"}";

    Http.Response r = Http.send("POST", sim.baseUrl() + "authorizations", null, body);

    assertEquals(400, r.status());
    assertEquals(111, r.json().path("code").asInt());
    assertEquals("hashString", firstItem(r.json()).path("field").asText());
    assertEquals(113, firstItem(r.json()).path("code").asInt());
  }

  @Test
  void authorizations_shouldRejectDateRequest_whenStale() {
    String date = "2024-01-15T10:00:00-05:00";
    String hash = Http.sha256("1035.ACCESSKEYEXAMPLE0001.SECRETKEYEXAMPLE." + date);
    String body = "{\"accessKey\":\"ACCESSKEYEXAMPLE0001\",\"idService\":1035,\"dateRequest\":\"" + date
        + "\",\"hashString\":\"" + hash + "\"}";

    Http.Response r = Http.send("POST", sim.baseUrl() + "authorizations", null, body);

    assertEquals(400, r.status());
    assertEquals("dateRequest", firstItem(r.json()).path("field").asText());
  }

  @Test
  void cips_shouldAnswer401_whenTokenMissingUnknownOrExpired() {
    String body = "{\"data\":[{\"cip\":1}]}";
    assertEquals(401, Http.send("POST", sim.baseUrl() + "cips/search", null, body).status());
    assertEquals(401, Http.send("POST", sim.baseUrl() + "cips/search", "not-a-token", body).status());

    sim.advanceClock(Duration.ofHours(2));

    assertEquals(401, post("cips/search", body).status());
  }

  @Test
  void createCip_shouldReturnNumericCipNormalisedDateAndVoucherUrl() {
    Http.Response r = post("cips", "{\"CURRENCY\":\"PEN\",\"amount\":1.00,\"transactionCode\":\"ORD-1\","
        + "\"userEmail\":\"a@example.com\",\"dateExpiry\":\"2024-01-16 21:00:00-0500\"}");

    assertEquals(201, r.status(), r.body());
    JsonNode data = r.json().path("data");
    assertTrue(data.path("cip").isNumber());
    assertEquals("1", data.path("amount").toString(), "trailing zeros dropped");
    assertEquals("2024-01-16T21:00:00-05:00", data.path("dateExpiry").asText());
    assertTrue(data.path("cipUrl").asText().matches(".*/[0-9A-F-]{36}\\.html"), data.path("cipUrl").asText());
    assertEquals("ORD-1", data.path("transactionCode").asText());
  }

  @Test
  void createCip_shouldReturn111WithItems_whenFieldsAreMissingOrInvalid() {
    Http.Response r = post("cips", "{\"currency\":\"EUR\",\"amount\":10.001,\"transactionCode\":\"ORD-1\","
        + "\"paymentConcept\":\"" + "x".repeat(51) + "\",\"userDocumentType\":\"XX\"}");

    assertEquals(400, r.status());
    assertEquals(111, r.json().path("code").asInt());
    List<String> items = new ArrayList<>();
    r.json().path("data").forEach(i -> items.add(i.path("code").asInt() + ":" + i.path("field").asText()));
    assertEquals(List.of("113:currency", "113:amount", "112:userEmail", "113:paymentConcept", "113:userDocumentType"), items);
  }

  @Test
  void createCip_shouldAnswer511_whenAmountExceedsMerchantMaximum() {
    Http.Response r = post("cips", "{\"currency\":\"PEN\",\"amount\":50000.01,\"transactionCode\":\"ORD-1\",\"userEmail\":\"a@b.pe\"}");

    assertEquals(400, r.status());
    assertEquals(511, r.json().path("code").asInt());
  }

  @Test
  void search_shouldReportStatusesAndDates_throughTheStateMachine() {
    long paid = createCip("ORD-1", "22.05");
    long expired = createCip("ORD-2", "10");
    long deleted = createCip("ORD-3", "10");
    JsonNode fresh = searchOne(paid);
    assertEquals(22, fresh.path("status").asInt());
    assertEquals("Generado", fresh.path("statusName").asText());
    assertTrue(fresh.path("datePayment").isNull());

    sim.pay(paid, "1253", OffsetDateTime.parse("2024-01-15T10:35:12-05:00"));
    sim.expire(expired);
    assertEquals(200, Http.send("DELETE", sim.baseUrl() + "cips/" + deleted, token, null).status());

    JsonNode p = searchOne(paid);
    assertEquals(23, p.path("status").asInt());
    assertEquals("Cancelado", p.path("statusName").asText());
    assertEquals("2024-01-15T10:35:12-05:00", p.path("datePayment").asText());
    assertEquals(new BigDecimal("22.05"), p.path("amount").decimalValue());
    assertEquals(21, searchOne(expired).path("status").asInt());
    assertEquals("Expirado", searchOne(expired).path("statusName").asText());
    assertEquals(25, searchOne(deleted).path("status").asInt());
    assertFalse(searchOne(deleted).path("dateRemoval").isNull());
  }

  @Test
  void patch_shouldReopenAnExpiredCip_andRefusePaidOrDeleted() {
    long cip = createCip("ORD-1", "10");
    sim.advanceClock(Duration.ofDays(1)); // lazily expired at 2024-01-16T10:30
    token = Http.token(sim);
    assertEquals(21, searchOne(cip).path("status").asInt());

    Http.Response r = Http.send("PATCH", sim.baseUrl() + "cips/" + cip, token, "{\"dateExpiry\":\"2024-01-20T10:00:00-05:00\"}");

    assertEquals(200, r.status(), r.body());
    assertEquals(22, searchOne(cip).path("status").asInt());
    sim.pay(cip);
    assertEquals(400, Http.send("PATCH", sim.baseUrl() + "cips/" + cip, token, "{\"dateExpiry\":\"2024-01-21T10:00:00-05:00\"}").status());
    assertEquals(400, Http.send("DELETE", sim.baseUrl() + "cips/" + cip, token, null).status());
  }

  @Test
  void refund_shouldMovePaidToConfiguredReversal_andOnlyFromPaid() {
    long cip = createCip("ORD-1", "10");
    assertThrows(IllegalStateException.class, () -> sim.refund(cip));
    sim.pay(cip);

    sim.refund(cip);

    assertEquals(24, searchOne(cip).path("status").asInt());
    assertEquals("Extornado", searchOne(cip).path("statusName").asText());
  }

  @Test
  void search_shouldRejectMoreThanFive_andOmitUnknownCips() {
    long a = createCip("ORD-1", "10");
    Http.Response six = post("cips/search", "{\"data\":[{\"cip\":1},{\"cip\":2},{\"cip\":3},{\"cip\":4},{\"cip\":5},{\"cip\":6}]}");
    assertEquals(400, six.status());
    assertEquals(111, six.json().path("code").asInt());

    Http.Response r = post("cips/search", "{\"data\":[{\"cip\":" + a + "},{\"cip\":\"99999\"}]}");

    assertEquals(200, r.status());
    assertEquals(1, r.json().path("data").size());
  }

  @Test
  void shapeVariants_shouldWriteCodeAsStringAndErrorDataAsObject_whenSwitchedOn() {
    try (PagoEfectivoSimulator other = PagoEfectivoSimulator.start(SimulatorConfig.builder()
        .clock(SimClock.frozenAt(VECTOR_TIME)).codeAsString(true).errorDataAsObject(true).build())) {
      String t = Http.token(other);
      Http.Response r = Http.send("POST", other.baseUrl() + "cips", t, "{\"currency\":\"PEN\"}");

      assertTrue(r.json().path("code").isTextual());
      assertEquals("111", r.json().path("code").asText());
      assertTrue(r.json().path("data").isObject());
      assertEquals("112", r.json().path("data").path("code").asText());
    }
  }

  @Test
  void shapeVariants_shouldBeSwitchableAtRunTime_overTheControlSurface() {
    Http.Response ok = Http.send("POST", sim.controlUrl() + "shape", null, "{\"codeAsString\":true,\"errorDataAsObject\":true}");
    assertEquals(200, ok.status());

    Http.Response r = post("cips", "{}");

    assertEquals("111", r.json().path("code").asText());
    assertTrue(r.json().path("code").isTextual());
    assertTrue(r.json().path("data").isObject());
    assertEquals(404, Http.send("POST", sim.controlUrl() + "nonsense", null, "{}").status());
  }

  @Test
  void faults_shouldAnswerAsScripted_thenRecover() {
    String body = "{\"data\":[{\"cip\":1}]}";
    sim.injectFault(ApiFault.SERVER_ERROR, 1, "/v1/cips/search");
    sim.injectFault(ApiFault.SERVICE_UNAVAILABLE, 1, "/v1/cips/search");
    sim.injectFault(ApiFault.TOO_MANY_REQUESTS, 1, "/v1/cips/search");
    sim.injectFault(ApiFault.TRUNCATED_JSON, 1, "/v1/cips/search");
    sim.injectFault(ApiFault.WRONG_CONTENT_TYPE, 1, "/v1/cips/search");
    sim.injectFault(ApiFault.TOKEN_SERVICE_MISMATCH, 1, "/v1/cips/search");

    Http.Response e500 = post("cips/search", body);
    assertEquals(500, e500.status());
    assertEquals(166, e500.json().path("code").asInt());
    Http.Response e503 = post("cips/search", body);
    assertEquals(503, e503.status());
    assertEquals("", e503.body());
    assertEquals(429, post("cips/search", body).status());
    Http.Response truncated = post("cips/search", body);
    assertEquals(200, truncated.status());
    assertThrows(AssertionError.class, truncated::json);
    Http.Response html = post("cips/search", body);
    assertTrue(html.contentType().startsWith("text/html"));
    Http.Response e508 = post("cips/search", body);
    assertEquals(400, e508.status());
    assertEquals(508, e508.json().path("code").asInt());
    assertEquals(200, post("cips/search", body).status());
    assertEquals(7, sim.callCount("/v1/cips/search"));
  }

  @Test
  void ipNotAllowed_shouldRefuseBeforeAuthentication_withAnHtmlPage() {
    Http.Response ok = Http.send("POST", sim.controlUrl() + "fault", null, "{\"fault\":\"IP_NOT_ALLOWED\",\"path\":\"/v1/authorizations\"}");
    assertEquals(200, ok.status());

    Http.Response refused = Http.send("POST", sim.baseUrl() + "authorizations", null, "{}");

    assertEquals(403, refused.status());
    assertTrue(refused.contentType().startsWith("text/html"));
    assertTrue(refused.body().contains("Forbidden"));
    assertEquals(400, Http.send("POST", sim.baseUrl() + "authorizations", null, "{}").status(), "the next call reaches the API");
  }

  @Test
  void api_shouldNotExposeEndpointsTheRealApiLacks() {
    long cip = createCip("ORD-1", "10");
    assertEquals(405, Http.send("GET", sim.baseUrl() + "cips/" + cip, token, null).status());
    assertEquals(404, Http.send("GET", sim.baseUrl() + "settlements", token, null).status());
    assertEquals(404, Http.send("POST", sim.baseUrl() + "refunds", token, "{}").status());
  }

  @Test
  void messages_shouldBeEnglish_whenAcceptLanguageIsEnUs() {
    java.net.http.HttpRequest req = java.net.http.HttpRequest.newBuilder(java.net.URI.create(sim.baseUrl() + "cips"))
        .header("Authorization", "Bearer " + token).header("Accept-Language", "en-US")
        .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{}")).build();
    try {
      String body = java.net.http.HttpClient.newHttpClient().send(req, java.net.http.HttpResponse.BodyHandlers.ofString()).body();
      assertEquals("Request with invalid data.", Http.JSON.readTree(body).path("message").asText());
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  private static final String CREATE_ORD_9 = "{\"currency\":\"PEN\",\"amount\":150.50,\"transactionCode\":\"ORD-9\","
      + "\"userEmail\":\"shopper@example.com\",\"dateExpiry\":\"2024-01-16T10:30:00-05:00\"}";

  @Test
  void timeoutAfterCommit_shouldLoseTheAnswer_butLeaveAPayableCip() {
    sim.injectFault(ApiFault.TIMEOUT_AFTER_COMMIT, 1, "/v1/cips");

    assertThrows(java.io.UncheckedIOException.class, () -> post("cips", CREATE_ORD_9), "no answer reaches the caller");

    List<CipView> cips = sim.cips();
    assertEquals(1, cips.size(), "the CIP exists though the create failed");
    assertEquals("ORD-9", cips.get(0).transactionCode());
    assertEquals(0, sim.apiCalls().get(sim.apiCalls().size() - 1).status(), "logged as unanswered");
    JsonNode found = searchOne(cips.get(0).cip());
    assertEquals(22, found.path("status").asInt());
    assertEquals(new BigDecimal("150.5"), found.path("amount").decimalValue());
    sim.pay(cips.get(0).cip());
    assertEquals(23, searchOne(cips.get(0).cip()).path("status").asInt());
  }

  @Test
  void timeoutBeforeCommit_shouldLoseTheAnswer_andCreateNothing() {
    sim.injectFault(ApiFault.TIMEOUT, 1, "/v1/cips");

    assertThrows(java.io.UncheckedIOException.class, () -> post("cips", CREATE_ORD_9));

    assertTrue(sim.cips().isEmpty());
    assertEquals(201, post("cips", CREATE_ORD_9).status(), "the fault is consumed");
  }

  @Test
  void timeoutAfterCommit_shouldBeScriptableOverTheControlSurface() {
    Http.Response ok = Http.send("POST", sim.controlUrl() + "fault", null,
        "{\"fault\":\"TIMEOUT_AFTER_COMMIT\",\"count\":1,\"path\":\"/v1/cips\"}");
    assertEquals(200, ok.status(), ok.body());

    assertThrows(java.io.UncheckedIOException.class, () -> post("cips", CREATE_ORD_9));

    JsonNode listed = Http.send("GET", sim.controlUrl() + "cips", null, null).json();
    assertEquals(1, listed.size());
    assertEquals("ORD-9", listed.get(0).path("transactionCode").asText());
    assertEquals(400, Http.send("POST", sim.controlUrl() + "fault", null, "{\"fault\":\"TIMEOUT_LATE\"}").status());
  }

  @Test
  void bearerScheme_shouldBeCaseInsensitive_asRfc7235Says() {
    String body = "{\"data\":[{\"cip\":1}]}";
    String url = sim.baseUrl() + "cips/search";

    assertEquals(200, Http.sendAuthorized("POST", url, "Bearer " + token, body).status());
    assertEquals(200, Http.sendAuthorized("POST", url, "bearer " + token, body).status());
    assertEquals(200, Http.sendAuthorized("POST", url, "BEARER " + token, body).status());
    assertEquals(401, Http.sendAuthorized("POST", url, "Basic " + token, body).status());
    assertEquals(401, Http.sendAuthorized("POST", url, token, body).status());
    assertEquals(401, Http.sendAuthorized("POST", url, "bearer", body).status());
  }

  @Test
  void cipUrl_shouldPointAtAVoucherPageTheSimulatorServes_untilDeleted() {
    Http.Response created = post("cips", CREATE_ORD_9);
    String cipUrl = created.json().path("data").path("cipUrl").asText();
    long cip = created.json().path("data").path("cip").asLong();
    assertTrue(cipUrl.startsWith("http://127.0.0.1:" + sim.port() + "/voucher/"), cipUrl);

    Http.Response page = Http.send("GET", cipUrl, null, null);

    assertEquals(200, page.status());
    assertTrue(page.contentType().startsWith("text/html"), page.contentType());
    assertTrue(page.body().contains("<span id=\"cip\">" + cip + "</span>"), page.body());
    assertTrue(page.body().contains("S/ 150.50"), page.body());
    assertTrue(page.body().contains("2024-01-16T10:30:00-05:00"), page.body());
    assertTrue(page.body().contains("Generado"), page.body());
    assertEquals(404, Http.send("GET", sim.controlUrl().replace("/_sim/", "/voucher/") + "0000.html", null, null).status());
    assertEquals(200, Http.send("DELETE", sim.baseUrl() + "cips/" + cip, token, null).status());
    assertEquals(404, Http.send("GET", cipUrl, null, null).status(), "a deleted CIP's page shows nothing");
  }

  @Test
  void cipUrl_shouldUseTheConfiguredVoucherBase_whenOneIsGiven() {
    try (PagoEfectivoSimulator other = PagoEfectivoSimulator.start(SimulatorConfig.builder()
        .clock(SimClock.frozenAt(VECTOR_TIME)).voucherBase("https://pre1a.payment.pagoefectivo.pe/").build())) {
      Http.Response r = Http.send("POST", other.baseUrl() + "cips", Http.token(other), CREATE_ORD_9);

      String cipUrl = r.json().path("data").path("cipUrl").asText();
      assertTrue(cipUrl.matches("https://pre1a\\.payment\\.pagoefectivo\\.pe/[0-9A-F-]{36}\\.html"), cipUrl);
      String guidPage = cipUrl.substring(cipUrl.lastIndexOf('/') + 1);
      assertEquals(200, Http.send("GET", "http://127.0.0.1:" + other.port() + "/voucher/" + guidPage, null, null).status(),
          "the page is still served on the simulator's own host");
    }
  }

  @Test
  void expire_shouldKeepTheOriginalDateExpiry_inJavaAndOverHttp() {
    long viaJava = createCip("ORD-1", "10");
    long viaHttp = createCip("ORD-2", "10");

    sim.expire(viaJava);
    assertEquals(200, Http.send("POST", sim.controlUrl() + "expire", null, "{\"cip\":" + viaHttp + "}").status());

    for (long cip : new long[] {viaJava, viaHttp}) {
      JsonNode found = searchOne(cip);
      assertEquals(21, found.path("status").asInt());
      assertEquals("2024-01-16T10:30:00-05:00", found.path("dateExpiry").asText(), "the date the CIP was given");
    }
  }
}
