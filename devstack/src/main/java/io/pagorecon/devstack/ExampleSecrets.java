package io.pagorecon.devstack;

import java.util.List;

/**
 * Every secret value this repository provisions outside AWS: the demo's and {@code serve}'s stack
 * secrets (the documentation's example credentials) and the values tests put into secrets, sign
 * with or hand to handlers. None is a real credential. One list, so that the log scan after the
 * suite ({@code .ci/scan-test-logs}, which runs {@link #main}) looks for all of them;
 * {@code ExampleSecretsTest} fails when a source provisions a secret missing here.
 */
public final class ExampleSecrets {

  /** PagoEfectivo's example credentials: the simulator and the stack's secret share them. */
  public static final String ACCESS_KEY = "ACCESSKEYEXAMPLE0001";
  public static final String SECRET_KEY = "SECRETKEYEXAMPLE";
  public static final String ID_SERVICE = "1035";
  /** The sandbox key a production stack must refuse (a sandbox-signed notification). */
  public static final String SANDBOX_SECRET_KEY = "SANDBOXSECRETEXAMPLE";
  /** The DingTalk robot's signing secret of the local stack (a robot's secret starts with SEC). */
  public static final String DINGTALK_SECRET = "SECdemo0123456789EXAMPLE";

  /** Values only tests use (rotation, wrong keys, fixed-length robot secrets, the bench's robot). */
  private static final List<String> TEST_ONLY = List.of(
      "SANDBOXKEYEXAMPLE",
      "SECRETKEYOLDEXAMPLE",
      "SECRETKEYNEWEXAMPLE",
      "TOPSECRET",
      "SEC0123456789abcdef",
      "SEC000000000000000000000000000000000000000000000000000000000000000",
      "SECwrong",
      "SECbench",
      "PRIMINGSECRETEXAMPLE");

  private ExampleSecrets() {}

  /** Every secret value, the PagoEfectivo access key included (it is a credential too). */
  public static List<String> all() {
    return java.util.stream.Stream.concat(
        java.util.stream.Stream.of(ACCESS_KEY, SECRET_KEY, SANDBOX_SECRET_KEY, DINGTALK_SECRET), TEST_ONLY.stream()).toList();
  }

  /** The PagoEfectivo secret's JSON, as the functions read it from Secrets Manager. */
  public static String pagoEfectivoSecretJson() {
    return "{\"accessKey\":\"" + ACCESS_KEY + "\",\"secretKey\":\"" + SECRET_KEY + "\",\"idService\":\"" + ID_SERVICE
        + "\",\"sandboxSecretKey\":\"" + SANDBOX_SECRET_KEY + "\"}";
  }

  /** The DingTalk secret's JSON for a robot at {@code webhookUrl}. */
  public static String dingTalkSecretJson(String webhookUrl) {
    return "{\"webhookUrl\":\"" + webhookUrl + "\",\"secret\":\"" + DINGTALK_SECRET + "\"}";
  }

  /** Prints every value, one a line, for the log scan. */
  public static void main(String[] args) {
    all().forEach(System.out::println);
  }
}
