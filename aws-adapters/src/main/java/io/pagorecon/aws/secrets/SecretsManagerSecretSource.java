package io.pagorecon.aws.secrets;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.pagorecon.core.secrets.SecretFields;
import io.pagorecon.core.secrets.SecretSource;
import io.pagorecon.core.secrets.SecretUnavailableException;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/** Reads a JSON secret (flat object, string/number/boolean fields) from Secrets Manager. Values are never logged. */
public final class SecretsManagerSecretSource implements SecretSource {

  private static final JsonFactory JSON = new JsonFactory();

  private final SecretsManagerClient client;

  public SecretsManagerSecretSource(SecretsManagerClient client) {
    this.client = client;
  }

  /** A VersionId no secret has (Secrets Manager version ids are UUIDs it generates). */
  static final String PRIMING_VERSION = "00000000-0000-4000-8000-00000000pr1m";

  /**
   * Runs the GetSecretValue path once without reading the secret, so a SnapStart snapshot holds it
   * loaded and holds no secret: the call names a version the secret cannot have, which Secrets
   * Manager refuses (ResourceNotFoundException: 400 on AWS, 404 on moto). Returns the refusal's status code; -1 if a value
   * came back (it cannot), which is then dropped unread.
   */
  public int prime(String secretId) {
    try {
      client.getSecretValue(r -> r.secretId(secretId).versionId(PRIMING_VERSION));
      return -1;
    } catch (software.amazon.awssdk.awscore.exception.AwsServiceException e) {
      return e.statusCode();
    }
  }

  @Override
  public SecretFields fields(String secretId) {
    String text;
    try {
      text = client.getSecretValue(r -> r.secretId(secretId)).secretString();
    } catch (SdkException e) {
      throw new SecretUnavailableException("cannot read secret " + secretId + ": " + e.getClass().getSimpleName(), e);
    }
    if (text == null) {
      throw new SecretUnavailableException("secret " + secretId + " has no SecretString (binary secrets are not supported)", null);
    }
    return new SecretFields(parse(secretId, text));
  }

  // Error messages name the secret and the position, never the content.
  private static Map<String, String> parse(String secretId, String text) {
    Map<String, String> fields = new HashMap<>();
    try (JsonParser p = JSON.createParser(text)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw new SecretUnavailableException("secret " + secretId + " is not a JSON object", null);
      }
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        JsonToken value = p.nextToken();
        if (value.isScalarValue() && value != JsonToken.VALUE_NULL) {
          fields.put(name, p.getText());
        } else if (value != JsonToken.VALUE_NULL) {
          throw new SecretUnavailableException("secret " + secretId + " field '" + name + "' is not a string", null);
        }
      }
      return fields;
    } catch (IOException e) {
      // the cause is left out on purpose: Jackson's message quotes the secret text around the error
      throw new SecretUnavailableException("secret " + secretId + " is not valid JSON (line "
          + (e instanceof com.fasterxml.jackson.core.JsonProcessingException j && j.getLocation() != null ? j.getLocation().getLineNr() : -1)
          + ")", null);
    }
  }
}
