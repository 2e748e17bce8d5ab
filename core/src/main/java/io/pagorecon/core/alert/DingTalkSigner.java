package io.pagorecon.core.alert;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The DingTalk custom robot's "加签" signature: HmacSHA256 keyed with the robot secret over
 * {@code timestampMillis + "\n" + secret}, Base64, then URL-encoded, sent as the {@code timestamp}
 * and {@code sign} query parameters. DingTalk rejects a timestamp more than an hour off.
 */
public final class DingTalkSigner {

  private DingTalkSigner() {}

  /** The Base64 signature before URL encoding. */
  public static String signature(long timestampMillis, String secret) {
    String toSign = timestampMillis + "\n" + secret;
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return Base64.getEncoder().encodeToString(mac.doFinal(toSign.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 unavailable", e);
    }
  }

  /** The robot URL with {@code &timestamp=...&sign=...} appended. */
  public static String signedUrl(String webhookUrl, long timestampMillis, String secret) {
    String sign = URLEncoder.encode(signature(timestampMillis, secret), StandardCharsets.UTF_8);
    String sep = webhookUrl.contains("?") ? "&" : "?";
    return webhookUrl + sep + "timestamp=" + timestampMillis + "&sign=" + sign;
  }
}
