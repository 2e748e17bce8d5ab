package io.pagorecon.aws;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Map;
import java.util.Optional;

/**
 * How {@link AwsClients} builds its clients, read once from the environment.
 *
 * @param region {@code AWS_REGION}; when absent the SDK's default region chain decides
 * @param endpoint {@code AWS_ENDPOINT_URL}; when absent the SDK still reads its own variables
 *     ({@code AWS_ENDPOINT_URL_<SERVICE>}, {@code aws.endpointUrl}) and otherwise uses AWS
 * @param s3ForcePathStyle {@code S3_FORCE_PATH_STYLE} (default false): moto needs path-style S3
 */
public record AwsClientSettings(Optional<String> region, Optional<URI> endpoint, boolean s3ForcePathStyle) {

  public static final String REGION = "AWS_REGION";
  public static final String ENDPOINT_URL = "AWS_ENDPOINT_URL";
  public static final String S3_FORCE_PATH_STYLE = "S3_FORCE_PATH_STYLE";

  /** Validates every value and names the variable at fault. */
  public static AwsClientSettings fromEnvironment(Map<String, String> env) {
    Optional<String> region = nonBlank(env.get(REGION));
    Optional<URI> endpoint = nonBlank(env.get(ENDPOINT_URL)).map(AwsClientSettings::endpoint);
    String pathStyle = nonBlank(env.get(S3_FORCE_PATH_STYLE)).orElse("false");
    if (!pathStyle.equals("true") && !pathStyle.equals("false")) {
      throw new IllegalArgumentException(S3_FORCE_PATH_STYLE + " must be true or false, was '" + pathStyle + "'");
    }
    return new AwsClientSettings(region, endpoint, Boolean.parseBoolean(pathStyle));
  }

  private static URI endpoint(String value) {
    try {
      URI uri = new URI(value);
      if (uri.getScheme() == null || uri.getHost() == null
          || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))) {
        throw new IllegalArgumentException(ENDPOINT_URL + " must be an http(s) URL, was '" + value + "'");
      }
      return uri;
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException(ENDPOINT_URL + " is not a URL: '" + value + "'", e);
    }
  }

  private static Optional<String> nonBlank(String value) {
    return Optional.ofNullable(value).map(String::strip).filter(v -> !v.isEmpty());
  }
}
