package io.pagorecon.functions.webhook;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import io.pagorecon.core.ErrorCode;
import io.pagorecon.core.webhook.Signatures;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.function.Function;

/**
 * Generates hostile webhook deliveries from a seed: valid notifications, then one mutation each of
 * body, header, signature, encoding, size or method. Mutated bodies are usually signed with the
 * right secret, so the parser and the rules behind the signature are fuzzed too, not just the HMAC.
 * Each case says what must happen: succeed, be rejected with a given code, be rejected somehow, or
 * either (the mutation may still be a valid notification); the test checks the invariants on top.
 */
final class WebhookFuzz {

  static final String SECRET = "SECRETKEYEXAMPLE";
  static final String SANDBOX_SECRET = "SANDBOXKEYEXAMPLE";
  /** A CIP the store knows (PENDING) before each case: rejections naming it must not book it. */
  static final String KNOWN_CIP = "99000001";

  /** What must come out. {@code code} is set only for {@link Kind#REJECT}. */
  record Expect(Kind kind, Optional<ErrorCode> code) {
    static Expect valid() {
      return new Expect(Kind.VALID, Optional.empty());
    }

    static Expect reject(ErrorCode code) {
      return new Expect(Kind.REJECT, Optional.of(code));
    }

    static Expect anyReject() {
      return new Expect(Kind.ANY_REJECT, Optional.empty());
    }

    static Expect any() {
      return new Expect(Kind.ANY, Optional.empty());
    }
  }

  enum Kind { VALID, REJECT, ANY_REJECT, ANY }

  /**
   * One delivery. {@code delivered} are the bytes the handler should see after decoding; {@code
   * properlySigned} is true only when the signature header is the stage secret's HMAC of them.
   * {@code personalData} are strings the body carries that must never reach a log.
   */
  record Case(int index, String mutation, APIGatewayV2HTTPEvent event, byte[] delivered, boolean properlySigned,
      Expect expect, List<String> personalData) {
    @Override
    public String toString() {
      String text = delivered == null ? "<undecodable>" : new String(delivered, StandardCharsets.UTF_8);
      return "case #" + index + " (" + mutation + ") " + (text.length() > 300 ? text.substring(0, 300) + "..." : text);
    }
  }

  private record Mutation(String name, Function<Draft, Expect> apply) {}

  /** A case under construction: body fields, then bytes, headers, flags. */
  private static final class Draft {
    final SplittableRandom rnd;
    final Map<String, String> top = new LinkedHashMap<>();
    final Map<String, String> data = new LinkedHashMap<>();
    byte[] bytes;
    String signWith = SECRET;
    Optional<String> signature = Optional.empty();
    boolean signAfter = true;
    String headerName = "PE-Signature";
    boolean base64;
    Optional<String> rawBodyText = Optional.empty();
    String method = "POST";
    final List<String> personal = new ArrayList<>();

    Draft(SplittableRandom rnd) {
      this.rnd = rnd;
    }

    byte[] render() {
      StringBuilder b = new StringBuilder("{");
      top.forEach((k, v) -> b.append(b.length() > 1 ? "," : "").append('"').append(k).append("\":").append(v));
      if (!data.isEmpty()) {
        StringBuilder d = new StringBuilder("{");
        data.forEach((k, v) -> d.append(d.length() > 1 ? "," : "").append('"').append(k).append("\":").append(v));
        b.append(b.length() > 1 ? "," : "").append("\"data\":").append(d).append('}');
      }
      return b.append('}').toString().getBytes(StandardCharsets.UTF_8);
    }
  }

  private final List<Mutation> mutations = mutations();

  int mutationCount() {
    return mutations.size();
  }

  List<String> mutationNames() {
    return mutations.stream().map(Mutation::name).toList();
  }

  /** Case {@code index} of the stream for {@code seed}: the same arguments always give the same case. */
  Case generate(long seed, int index) {
    SplittableRandom rnd = new SplittableRandom(seed * 1_000_003L + index);
    Draft d = new Draft(rnd);
    base(d);
    // The first cases walk every mutation once; then they are drawn at random.
    Mutation m = index < mutations.size() ? mutations.get(index) : mutations.get(rnd.nextInt(mutations.size()));
    Expect expect = m.apply.apply(d);
    if (d.bytes == null) {
      d.bytes = d.render();
    }
    String sig = d.signature.orElseGet(() -> {
      String hex = Signatures.hmacSha256Hex(d.signWith, d.bytes);
      return rnd.nextInt(10) == 0 ? hex.toUpperCase(Locale.ROOT) : hex;
    });
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("content-type", "application/json");
    if (d.headerName != null) {
      headers.put(d.headerName, sig);
    }
    String body;
    boolean isBase64;
    if (d.rawBodyText.isPresent()) {
      body = d.rawBodyText.get();
      isBase64 = d.base64;
    } else if (d.base64 || !validUtf8(d.bytes)) {
      body = Base64.getEncoder().encodeToString(d.bytes);
      isBase64 = true;
    } else {
      body = new String(d.bytes, StandardCharsets.UTF_8);
      isBase64 = false;
    }
    APIGatewayV2HTTPEvent event = APIGatewayV2HTTPEvent.builder()
        .withVersion("2.0")
        .withRouteKey("POST /webhooks/pagoefectivo")
        .withRawPath("/webhooks/pagoefectivo")
        .withHeaders(headers)
        .withBody(body)
        .withIsBase64Encoded(isBase64)
        .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder()
            .withRequestId("fuzz-" + seed + "-" + index)
            .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder().withMethod(d.method).withPath("/webhooks/pagoefectivo").build())
            .build())
        .build();
    byte[] delivered = isBase64 ? decodeOrNull(body) : body.getBytes(StandardCharsets.UTF_8);
    boolean signedOverDelivered = d.headerName != null && delivered != null
        && sig.strip().equalsIgnoreCase(independentHmac(SECRET, delivered));
    return new Case(index, m.name, event, delivered, signedOverDelivered && "POST".equals(d.method), expect, List.copyOf(d.personal));
  }

  private static byte[] decodeOrNull(String base64) {
    try {
      return Base64.getDecoder().decode(base64);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  /** The oracle computes the HMAC with the JDK directly, not with the code under test. */
  static String independentHmac(String secret, byte[] body) {
    try {
      javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
      mac.init(new javax.crypto.spec.SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return java.util.HexFormat.of().formatHex(mac.doFinal(body));
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void base(Draft d) {
    SplittableRandom r = d.rnd;
    int type = r.nextInt(10);
    String eventType = type < 7 ? "cip.paid" : type < 8 ? "cip.expired" : type < 9 ? "cip.refunded" : "cip.unheard_of";
    d.top.put("eventType", q(eventType));
    d.top.put("operationNumber", q(String.valueOf(1 + r.nextInt(99_999))));
    String cip = r.nextInt(4) == 0 ? KNOWN_CIP : String.valueOf(10_000_000L + r.nextInt(89_999_999));
    d.data.put("cip", r.nextInt(8) == 0 ? cip : q(cip));
    d.data.put("currency", q(r.nextBoolean() ? "PEN" : "USD"));
    long cents = 1 + r.nextLong(9_999_999L);
    d.data.put("amount", amountText(cents, r));
    d.data.put("paymentDate", q(String.format("2024-01-%02dT%02d:%02d:%02d-05:00", 1 + r.nextInt(28), r.nextInt(24), r.nextInt(60), r.nextInt(60))));
    d.data.put("transactionCode", q("ORD-" + r.nextInt(1_000_000)));
    // Payer data PagoEfectivo may add: never to be logged.
    String email = "maria.quispe" + r.nextInt(100_000) + "@example.pe";
    String dni = String.format("4%07d", r.nextInt(10_000_000));
    d.data.put("userEmail", q(email));
    d.data.put("userDocumentNumber", q(dni));
    d.personal.add(email);
    d.personal.add(dni);
  }

  /** PagoEfectivo drops trailing zeros: 22.5, 22, 22.05. */
  private static String amountText(long cents, SplittableRandom r) {
    String plain = java.math.BigDecimal.valueOf(cents, 2).toPlainString();
    String stripped = java.math.BigDecimal.valueOf(cents, 2).stripTrailingZeros().toPlainString();
    return r.nextBoolean() ? plain : stripped;
  }

  private static String q(String s) {
    StringBuilder b = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      if (c == '"' || c == '\\') {
        b.append('\\').append(c);
      } else if (c < 0x20) {
        b.append(String.format("\\u%04x", (int) c));
      } else {
        b.append(c);
      }
    }
    return b.append('"').toString();
  }

  private static void paid(Draft d) {
    d.top.put("eventType", q("cip.paid"));
  }

  private static boolean validUtf8(byte[] bytes) {
    try {
      StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes));
      return true;
    } catch (java.nio.charset.CharacterCodingException e) {
      return false;
    }
  }

  private static String randomAscii(SplittableRandom r, int length) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < length; i++) {
      b.append((char) (0x21 + r.nextInt(0x5e)));
    }
    return b.toString();
  }

  private static List<Mutation> mutations() {
    List<Mutation> m = new ArrayList<>();
    // --- valid variants ---
    m.add(new Mutation("valid", d -> Expect.valid()));
    m.add(new Mutation("valid-amount-as-string", d -> { d.data.put("amount", q("160.35")); return Expect.valid(); }));
    m.add(new Mutation("valid-pretty-whitespace", d -> {
      d.bytes = new String(d.render(), StandardCharsets.UTF_8).replace(",\"", ",\n  \"").replace("\":", "\" : ").getBytes(StandardCharsets.UTF_8);
      return Expect.valid();
    }));
    m.add(new Mutation("valid-unicode-escape", d -> { d.data.put("transactionCode", "\"ORD-\\u00d1\\u0041\""); return Expect.valid(); }));
    m.add(new Mutation("valid-base64-flag", d -> { d.base64 = true; return Expect.valid(); }));
    m.add(new Mutation("valid-uppercase-header-name", d -> { d.headerName = "PE-SIGNATURE"; return Expect.valid(); }));
    m.add(new Mutation("valid-uppercase-signature", d -> {
      d.bytes = d.render();
      d.signature = Optional.of(Signatures.hmacSha256Hex(SECRET, d.bytes).toUpperCase(Locale.ROOT));
      return Expect.valid();
    }));
    m.add(new Mutation("valid-no-optional-fields", d -> {
      d.data.remove("paymentDate");
      d.data.remove("transactionCode");
      d.top.remove("operationNumber");
      return Expect.valid();
    }));
    m.add(new Mutation("valid-extra-nested-field", d -> { d.data.put("extra", "{\"a\":[1,2,{\"b\":null}]}"); return Expect.valid(); }));
    m.add(new Mutation("valid-unknown-event-without-cip", d -> {
      d.top.put("eventType", q("cip.whatever"));
      d.data.clear();
      return Expect.valid();
    }));
    m.add(new Mutation("operationNumber-as-number", d -> { d.top.put("operationNumber", "12345"); return Expect.any(); }));
    // --- amounts (signed correctly) ---
    m.add(new Mutation("amount-negative", d -> { paid(d); d.data.put("amount", "-22.05"); return Expect.reject(ErrorCode.INVALID_AMOUNT); }));
    m.add(new Mutation("amount-zero", d -> { paid(d); d.data.put("amount", d.rnd.nextBoolean() ? "0" : "0.00"); return Expect.reject(ErrorCode.INVALID_AMOUNT); }));
    m.add(new Mutation("amount-three-decimals", d -> { paid(d); d.data.put("amount", "22.055"); return Expect.reject(ErrorCode.INVALID_AMOUNT); }));
    m.add(new Mutation("amount-huge", d -> {
      paid(d);
      String[] huge = {"1e400", "12345678901234567.00", "99999999999999999999999999999999999999", "1E+30", "-1e-400"};
      d.data.put("amount", huge[d.rnd.nextInt(huge.length)]);
      return Expect.reject(ErrorCode.INVALID_AMOUNT);
    }));
    m.add(new Mutation("amount-tiny-exponent", d -> { paid(d); d.data.put("amount", "1e-7"); return Expect.reject(ErrorCode.INVALID_AMOUNT); }));
    m.add(new Mutation("amount-text", d -> { paid(d); d.data.put("amount", q(d.rnd.nextBoolean() ? "abc" : "22,05")); return Expect.reject(ErrorCode.INVALID_AMOUNT); }));
    m.add(new Mutation("amount-wrong-type", d -> {
      paid(d);
      String[] types = {"true", "[22.05]", "{\"v\":22.05}"};
      d.data.put("amount", types[d.rnd.nextInt(types.length)]);
      return Expect.anyReject();
    }));
    m.add(new Mutation("amount-null", d -> { paid(d); d.data.put("amount", "null"); return Expect.anyReject(); }));
    m.add(new Mutation("amount-nan-token", d -> { paid(d); d.data.put("amount", d.rnd.nextBoolean() ? "NaN" : "Infinity"); return Expect.anyReject(); }));
    m.add(new Mutation("amount-leading-zeros", d -> { paid(d); d.data.put("amount", "0022.05"); return Expect.anyReject(); }));
    m.add(new Mutation("amount-missing", d -> { paid(d); d.data.remove("amount"); return Expect.reject(ErrorCode.MISSING_FIELD); }));
    m.add(new Mutation("currency-missing", d -> { paid(d); d.data.remove("currency"); return Expect.reject(ErrorCode.MISSING_FIELD); }));
    m.add(new Mutation("currency-unknown", d -> {
      paid(d);
      String[] c = {"\"EUR\"", "\"\"", "\"P E N\"", "1", "\"PENN\""};
      d.data.put("currency", c[d.rnd.nextInt(c.length)]);
      return Expect.anyReject();
    }));
    m.add(new Mutation("currency-lowercase", d -> { paid(d); d.data.put("currency", "\"pen\""); return Expect.any(); }));
    // --- required fields and types ---
    m.add(new Mutation("eventType-missing", d -> { d.top.remove("eventType"); return Expect.reject(ErrorCode.MISSING_FIELD); }));
    m.add(new Mutation("eventType-wrong-type", d -> { d.top.put("eventType", d.rnd.nextBoolean() ? "42" : "[\"cip.paid\"]"); return Expect.any(); }));
    m.add(new Mutation("eventType-too-long", d -> { d.top.put("eventType", q("cip." + "x".repeat(100))); return Expect.reject(ErrorCode.INVALID_FIELD); }));
    m.add(new Mutation("data-missing", d -> { paid(d); d.data.clear(); return Expect.reject(ErrorCode.MISSING_FIELD); }));
    m.add(new Mutation("data-not-object", d -> {
      paid(d);
      d.data.clear();
      d.top.put("data", d.rnd.nextBoolean() ? "[1,2]" : "\"11546901\"");
      return Expect.anyReject();
    }));
    m.add(new Mutation("cip-missing", d -> { paid(d); d.data.remove("cip"); return Expect.reject(ErrorCode.MISSING_FIELD); }));
    m.add(new Mutation("cip-invalid", d -> {
      paid(d);
      String[] c = {"\"12ab\"", "\"123456789012345\"", "\"\"", "-5", "1.5", "\"１２３\"", "true"};
      d.data.put("cip", c[d.rnd.nextInt(c.length)]);
      return Expect.anyReject();
    }));
    // The parser strips blanks around a CIP: authentic, so normalised rather than rejected.
    m.add(new Mutation("cip-padded", d -> { d.data.put("cip", "\" 123 \""); return Expect.any(); }));
    m.add(new Mutation("paymentDate-invalid", d -> {
      paid(d);
      String[] t = {"\"2024-01-15T10:35:12\"", "\"yesterday\"", "\"2024-13-45T99:99:99-05:00\"", "1705332912", "\"2024-01-15\""};
      d.data.put("paymentDate", t[d.rnd.nextInt(t.length)]);
      return Expect.anyReject();
    }));
    m.add(new Mutation("text-control-characters", d -> {
      paid(d);
      d.data.put("transactionCode", "\"ORD\\u0000\\u001b[31m" + d.rnd.nextInt(100) + "\"");
      return Expect.reject(ErrorCode.INVALID_FIELD);
    }));
    m.add(new Mutation("text-too-long", d -> { paid(d); d.data.put("transactionCode", q("O".repeat(37 + d.rnd.nextInt(500)))); return Expect.reject(ErrorCode.INVALID_FIELD); }));
    // --- JSON structure (signed correctly) ---
    m.add(new Mutation("json-truncated", d -> {
      byte[] full = d.render();
      d.bytes = java.util.Arrays.copyOf(full, d.rnd.nextInt(full.length - 1));
      return Expect.anyReject();
    }));
    m.add(new Mutation("json-trailing-content", d -> {
      String[] tails = {"x", "{}", ",", "\u0000", "]"};
      d.bytes = (new String(d.render(), StandardCharsets.UTF_8) + tails[d.rnd.nextInt(tails.length)]).getBytes(StandardCharsets.UTF_8);
      return Expect.reject(ErrorCode.MALFORMED_JSON);
    }));
    m.add(new Mutation("json-duplicate-key", d -> {
      String body = new String(d.render(), StandardCharsets.UTF_8);
      d.bytes = body.replaceFirst("\"cip\":", "\"cip\":\"1\",\"cip\":").getBytes(StandardCharsets.UTF_8);
      return Expect.reject(ErrorCode.MALFORMED_JSON);
    }));
    m.add(new Mutation("json-deep-nesting", d -> {
      int depth = 200 + d.rnd.nextInt(5000);
      d.data.put("deep", "[".repeat(depth) + "]".repeat(depth));
      return Expect.any();
    }));
    m.add(new Mutation("json-not-an-object", d -> {
      String[] bodies = {"[]", "null", "42", "\"cip.paid\"", "true", "", " ", "{", "}"};
      d.bytes = bodies[d.rnd.nextInt(bodies.length)].getBytes(StandardCharsets.UTF_8);
      return Expect.anyReject();
    }));
    m.add(new Mutation("json-comments-and-single-quotes", d -> {
      d.bytes = ("/*x*/{'eventType':'cip.paid','data':{'cip':'1','currency':'PEN','amount':1}}").getBytes(StandardCharsets.UTF_8);
      return Expect.reject(ErrorCode.MALFORMED_JSON);
    }));
    m.add(new Mutation("bytes-invalid-utf8", d -> {
      byte[] full = d.render();
      int at = 1 + d.rnd.nextInt(full.length - 2);
      byte[][] bad = {{(byte) 0xC3}, {(byte) 0xFF}, {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, {(byte) 0xC0, (byte) 0xAF}};
      byte[] ins = bad[d.rnd.nextInt(bad.length)];
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      out.write(full, 0, at);
      out.writeBytes(ins);
      out.write(full, at, full.length - at);
      d.bytes = out.toByteArray();
      return Expect.any();
    }));
    m.add(new Mutation("bytes-invalid-utf8-in-string", d -> {
      paid(d);
      String body = new String(d.render(), StandardCharsets.UTF_8);
      int at = body.indexOf("ORD-") + 4;
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      byte[] head = body.substring(0, at).getBytes(StandardCharsets.UTF_8);
      out.writeBytes(head);
      out.write(0xFF);
      out.write(0xFE);
      out.writeBytes(body.substring(at).getBytes(StandardCharsets.UTF_8));
      d.bytes = out.toByteArray();
      return body.contains("ORD-") ? Expect.reject(ErrorCode.MALFORMED_JSON) : Expect.any();
    }));
    m.add(new Mutation("bytes-utf16", d -> {
      d.bytes = new String(d.render(), StandardCharsets.UTF_8).getBytes(StandardCharsets.UTF_16);
      return Expect.any();
    }));
    m.add(new Mutation("bytes-bom", d -> {
      byte[] full = d.render();
      byte[] out = new byte[full.length + 3];
      out[0] = (byte) 0xEF;
      out[1] = (byte) 0xBB;
      out[2] = (byte) 0xBF;
      System.arraycopy(full, 0, out, 3, full.length);
      d.bytes = out;
      return Expect.any();
    }));
    m.add(new Mutation("bytes-random-flips", d -> {
      byte[] full = d.render();
      int flips = 1 + d.rnd.nextInt(4);
      for (int i = 0; i < flips; i++) {
        full[d.rnd.nextInt(full.length)] = (byte) d.rnd.nextInt(256);
      }
      d.bytes = full;
      return Expect.any();
    }));
    m.add(new Mutation("bytes-random-garbage", d -> {
      byte[] garbage = new byte[d.rnd.nextInt(2048)];
      for (int i = 0; i < garbage.length; i++) {
        garbage[i] = (byte) d.rnd.nextInt(256);
      }
      d.bytes = garbage;
      return Expect.anyReject();
    }));
    m.add(new Mutation("size-over-64KiB", d -> {
      d.data.put("padding", q("p".repeat(64 * 1024 + d.rnd.nextInt(200_000))));
      return Expect.reject(ErrorCode.PAYLOAD_TOO_LARGE);
    }));
    m.add(new Mutation("size-just-under-64KiB", d -> {
      int fixed = d.render().length + ",\"padding\":\"\"".length();
      d.data.put("padding", q("p".repeat(64 * 1024 - fixed)));
      return Expect.valid();
    }));
    // --- signature header ---
    m.add(new Mutation("signature-missing", d -> { d.headerName = null; return Expect.reject(ErrorCode.MISSING_SIGNATURE); }));
    m.add(new Mutation("signature-blank", d -> { d.signature = Optional.of(d.rnd.nextBoolean() ? "" : "   "); return Expect.reject(ErrorCode.MISSING_SIGNATURE); }));
    m.add(new Mutation("signature-wrong-key", d -> { d.signWith = "NOT" + SECRET; return Expect.reject(ErrorCode.INVALID_SIGNATURE); }));
    m.add(new Mutation("signature-sandbox-key", d -> { d.signWith = SANDBOX_SECRET; return Expect.reject(ErrorCode.INVALID_SIGNATURE); }));
    m.add(new Mutation("signature-malformed", d -> {
      byte[] body = d.render();
      String good = Signatures.hmacSha256Hex(SECRET, body);
      String[] bad = {good.substring(1), good + "0", good + good, "sha256=" + good, randomAscii(d.rnd, 64),
          good.substring(0, 63) + "g", "\u00e1" + good.substring(1), "\u0000" + good.substring(1), good.substring(0, 32)};
      d.signature = Optional.of(bad[d.rnd.nextInt(bad.length)]);
      d.bytes = body;
      return Expect.reject(ErrorCode.INVALID_SIGNATURE);
    }));
    m.add(new Mutation("signature-of-other-body", d -> {
      byte[] original = d.render();
      d.signature = Optional.of(Signatures.hmacSha256Hex(SECRET, original));
      d.data.put("amount", "999999.99"); // altered after signing
      d.bytes = d.render();
      return Expect.reject(ErrorCode.INVALID_SIGNATURE);
    }));
    m.add(new Mutation("signature-over-reserialised-json", d -> {
      byte[] spaced = new String(d.render(), StandardCharsets.UTF_8).replace(",", ", ").getBytes(StandardCharsets.UTF_8);
      d.signature = Optional.of(Signatures.hmacSha256Hex(SECRET, d.render()));
      d.bytes = spaced;
      return Expect.reject(ErrorCode.INVALID_SIGNATURE);
    }));
    // --- encoding flags ---
    m.add(new Mutation("base64-flag-lie-true", d -> {
      d.bytes = d.render();
      d.rawBodyText = Optional.of(new String(d.bytes, StandardCharsets.UTF_8));
      d.base64 = true;
      return Expect.reject(ErrorCode.MALFORMED_JSON);
    }));
    m.add(new Mutation("base64-flag-lie-false", d -> {
      d.bytes = d.render();
      d.rawBodyText = Optional.of(Base64.getEncoder().encodeToString(d.bytes));
      d.base64 = false;
      return Expect.reject(ErrorCode.INVALID_SIGNATURE);
    }));
    m.add(new Mutation("base64-broken-padding", d -> {
      d.bytes = d.render();
      String b64 = Base64.getEncoder().encodeToString(d.bytes);
      d.rawBodyText = Optional.of(b64.substring(0, b64.length() - 1) + "*");
      d.base64 = true;
      return Expect.reject(ErrorCode.MALFORMED_JSON);
    }));
    m.add(new Mutation("body-empty", d -> {
      d.bytes = new byte[0];
      return Expect.anyReject();
    }));
    // --- method ---
    m.add(new Mutation("method-not-post", d -> {
      String[] methods = {"GET", "PUT", "DELETE", "PATCH", "OPTIONS"};
      d.method = methods[d.rnd.nextInt(methods.length)];
      return Expect.reject(ErrorCode.METHOD_NOT_ALLOWED);
    }));
    return List.copyOf(m);
  }
}
