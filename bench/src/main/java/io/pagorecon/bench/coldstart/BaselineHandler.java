package io.pagorecon.bench.coldstart;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import io.pagorecon.aws.AwsClients;
import java.util.Map;

/**
 * The cold-start floor: builds the SDK clients WebhookFunction builds (DynamoDB, S3, Secrets
 * Manager, through the same factory) and answers 200 without calling them. Run from the task root
 * beside WebhookFunction's own jar, so the JVM, the runtime client and the jar are the same.
 */
public final class BaselineHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {

  private final AwsClients clients;

  public BaselineHandler() {
    clients = AwsClients.fromEnvironment(System.getenv());
    clients.dynamoDb();
    clients.s3();
    clients.secretsManager();
  }

  @Override
  public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
    return Map.of("statusCode", 200, "body", "{\"code\":\"BASELINE\",\"region\":\"" + clients.settings().region().orElse("") + "\"}");
  }
}
