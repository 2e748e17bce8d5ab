package io.pagorecon.functions.dingtalk;

import io.pagorecon.aws.AwsClients;
import io.pagorecon.aws.secrets.SecretsManagerSecretSource;
import io.pagorecon.core.secrets.CachedSecrets;
import io.pagorecon.core.secrets.SecretFields;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.function.Supplier;

/** Builds the DingTalk function's collaborators once per execution environment. */
record DingTalkWiring(DingTalkRobot robot, Supplier<DingTalkRobot.Credentials> credentials) {

  static final String SECRET_ARN = "DINGTALK_SECRET_ARN";
  static final String SECRET_TTL_SECONDS = "SECRET_TTL_SECONDS";

  static DingTalkWiring fromEnvironment(Map<String, String> env) {
    String secretArn = require(env, SECRET_ARN);
    long ttlSeconds;
    try {
      ttlSeconds = Long.parseLong(env.getOrDefault(SECRET_TTL_SECONDS, "300"));
    } catch (NumberFormatException e) {
      throw new IllegalStateException(SECRET_TTL_SECONDS + " must be a whole number of seconds", e);
    }
    AwsClients aws = AwsClients.fromEnvironment(env);
    CachedSecrets secrets = new CachedSecrets(new SecretsManagerSecretSource(aws.secretsManager()),
        Clock.systemUTC(), Duration.ofSeconds(ttlSeconds));
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
    DingTalkRobot robot = new DingTalkRobot(http, Clock.systemUTC(), Duration.ofSeconds(5));
    return new DingTalkWiring(robot, () -> {
      SecretFields fields = secrets.fields(secretArn);
      return new DingTalkRobot.Credentials(fields.require("webhookUrl"), fields.require("secret"));
    });
  }

  private static String require(Map<String, String> env, String name) {
    String value = env.get(name);
    if (value == null || value.isBlank()) {
      throw new IllegalStateException("environment variable " + name + " is required");
    }
    return value;
  }
}
