package io.pagorecon.core.webhook;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** PagoEfectivo's two hash recipes: {@code PE-Signature} and the authorization {@code hashString}. */
public final class Signatures {

  private static final HexFormat HEX = HexFormat.of();

  private Signatures() {}

  /** Lowercase hex HMAC-SHA256 of the exact bytes, keyed with the UTF-8 secret. */
  public static String hmacSha256Hex(String secret, byte[] body) {
    return HEX.formatHex(hmacSha256(secret, body));
  }

  static byte[] hmacSha256(String secret, byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return mac.doFinal(body);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 unavailable", e);
    }
  }

  /**
   * True when {@code signatureHex} (either case) is the HMAC of the raw body. Compared in constant
   * time over the decoded bytes; a header that is not 64 hex characters never matches.
   */
  public static boolean verify(String secret, byte[] rawBody, String signatureHex) {
    if (signatureHex == null) {
      return false;
    }
    String normalized = signatureHex.trim().toLowerCase(Locale.ROOT);
    if (normalized.length() != 64 || !isHex(normalized)) {
      return false;
    }
    byte[] given = HEX.parseHex(normalized);
    return MessageDigest.isEqual(hmacSha256(secret, rawBody), given);
  }

  private static boolean isHex(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
        return false;
      }
    }
    return true;
  }

  /** {@code hashString}: SHA-256 of {@code idService.accessKey.secretKey.dateRequest}, lowercase hex. */
  public static String hashString(String idService, String accessKey, String secretKey, String dateRequest) {
    String joined = idService + "." + accessKey + "." + secretKey + "." + dateRequest;
    return sha256Hex(joined.getBytes(StandardCharsets.UTF_8));
  }

  public static String sha256Hex(byte[] bytes) {
    try {
      return HEX.formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("SHA-256 unavailable", e);
    }
  }
}
