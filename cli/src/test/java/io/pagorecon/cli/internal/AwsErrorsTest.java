package io.pagorecon.cli.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** The SDK's failures as one line saying what to set; the SDK's own texts are those of SDK 2.x. */
class AwsErrorsTest {

  @Test
  void missingRegion_shouldSayWhatToSet() {
    CliError e = AwsErrors.describe("reading stack x", SdkClientException.create(
        "Unable to load region from any of the providers in the chain software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain@1a2b: "
            + "[software.amazon.awssdk.regions.providers.SystemSettingsRegionProvider@3c4d: Unable to load region from system settings."));

    assertThat(e.exitCode()).isEqualTo(2);
    assertThat(e.line("pagorecon ledger list")).isEqualTo("pagorecon ledger list: AWS region: not set — pass --region or set AWS_REGION "
        + "(or give your AWS profile a region: aws configure)");
  }

  @Test
  void missingCredentials_shouldSayWhatToSet() {
    CliError e = AwsErrors.describe("reading stack x", SdkClientException.create(
        "Unable to load credentials from any of the providers in the chain AwsCredentialsProviderChain(credentialsProviders=[...])"));

    assertThat(e.exitCode()).isEqualTo(2);
    assertThat(e.line("pagorecon replay")).startsWith("pagorecon replay: AWS credentials: none found — set AWS_PROFILE")
        .doesNotContain("software.amazon");
  }

  @Test
  void refusedCredentials_shouldSayToRefreshThem() {
    S3Exception denied = (S3Exception) S3Exception.builder().statusCode(403)
        .awsErrorDetails(AwsErrorDetails.builder().errorCode("ExpiredToken").errorMessage("The provided token has expired.").build()).build();

    CliError e = AwsErrors.describe("reading s3://b/k", denied);

    assertThat(e.line("pagorecon replay")).isEqualTo("pagorecon replay: AWS credentials: reading s3://b/k: refused (HTTP 403 ExpiredToken)"
        + " — refresh the credentials (aws sso login) or use a profile allowed to do this");
  }

  @Test
  void unreachable_shouldBeInfrastructure() {
    CliError e = AwsErrors.describe("reading s3://b/k", SdkClientException.create("Unable to execute HTTP request: Connection refused"));

    assertThat(e.exitCode()).isEqualTo(3);
    assertThat(e.line("pagorecon replay")).contains("cannot reach the service");
  }

  @Test
  void plain_shouldDropJavaAndSdkClassNames() {
    assertThat(Conventions.plain("java.io.IOException: Is a directory")).isEqualTo("Is a directory");
    assertThat(Conventions.plain("software.amazon.awssdk.core.exception.SdkClientException: boom")).isEqualTo("boom");
    assertThat(Conventions.plain(null)).isEqualTo("no detail");
  }
}
