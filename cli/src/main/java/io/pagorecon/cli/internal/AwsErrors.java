package io.pagorecon.cli.internal;

import java.util.Locale;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;

/** AWS SDK failures as one line saying what to set or check, never the SDK's provider-chain dump. */
public final class AwsErrors {

  private AwsErrors() {}

  /** {@code doing} says what was attempted, e.g. {@code "reading s3://bucket/key"}. */
  public static CliError describe(String doing, SdkException e) {
    String m = e.getMessage() == null ? "" : e.getMessage();
    String lower = m.toLowerCase(Locale.ROOT);
    if (lower.contains("unable to load region")) {
      return CliError.badInput("AWS region", "not set",
          "pass --region or set AWS_REGION (or give your AWS profile a region: aws configure)", e);
    }
    if (lower.contains("unable to load credentials") || lower.contains("unable to load aws credentials")) {
      return CliError.badInput("AWS credentials", "none found",
          "set AWS_PROFILE (aws configure, or aws sso login) or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY", e);
    }
    if (e instanceof AwsServiceException s && s.awsErrorDetails() != null) {
      String code = s.awsErrorDetails().errorCode() == null ? "" : s.awsErrorDetails().errorCode();
      if (s.statusCode() == 403 || code.contains("Token") || code.contains("Signature") || code.equals("AccessDenied")
          || code.equals("AccessDeniedException") || code.equals("UnrecognizedClientException")) {
        return CliError.badInput("AWS credentials", doing + ": refused (HTTP " + s.statusCode() + " " + code + ")",
            "refresh the credentials (aws sso login) or use a profile allowed to do this", e);
      }
      return CliError.infrastructure("AWS", doing + ": HTTP " + s.statusCode() + " " + code, "retry; if it persists, check the stack", e);
    }
    return CliError.infrastructure("AWS", doing + ": cannot reach the service",
        "check the network, or AWS_ENDPOINT_URL when using a local emulator", e);
  }
}
