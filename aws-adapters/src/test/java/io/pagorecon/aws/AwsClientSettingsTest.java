package io.pagorecon.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AwsClientSettingsTest {

  @Test
  void fromEnvironment_shouldLeaveRegionAndEndpointToTheSdk_whenUnset() {
    AwsClientSettings settings = AwsClientSettings.fromEnvironment(Map.of());

    assertThat(settings).isEqualTo(new AwsClientSettings(Optional.empty(), Optional.empty(), false));
  }

  @Test
  void fromEnvironment_shouldReadRegionEndpointAndPathStyle() {
    AwsClientSettings settings = AwsClientSettings.fromEnvironment(Map.of(
        "AWS_REGION", "us-east-1", "AWS_ENDPOINT_URL", "http://127.0.0.1:5000", "S3_FORCE_PATH_STYLE", "true"));

    assertThat(settings.region()).contains("us-east-1");
    assertThat(settings.endpoint()).contains(URI.create("http://127.0.0.1:5000"));
    assertThat(settings.s3ForcePathStyle()).isTrue();
  }

  @Test
  void fromEnvironment_shouldNameTheVariable_whenPathStyleIsNotBoolean() {
    assertThatThrownBy(() -> AwsClientSettings.fromEnvironment(Map.of("S3_FORCE_PATH_STYLE", "yes")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("S3_FORCE_PATH_STYLE");
  }

  @Test
  void fromEnvironment_shouldNameTheVariable_whenEndpointIsNotAnHttpUrl() {
    assertThatThrownBy(() -> AwsClientSettings.fromEnvironment(Map.of("AWS_ENDPOINT_URL", "127.0.0.1:5000")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("AWS_ENDPOINT_URL");
  }
}
