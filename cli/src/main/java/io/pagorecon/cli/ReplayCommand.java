package io.pagorecon.cli;

import io.pagorecon.aws.AwsClients;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** {@code pagorecon replay}: re-delivers a stored raw notification, byte for byte, with its original headers. */
@Command(
    name = "replay",
    mixinStandardHelpOptions = true,
    description = {
      "Reads a notification the webhook archived in the data bucket (raw/... or rejected/..., see",
      "docs/data-model.md) and POSTs the exact bytes to a webhook URL with the original PE-Signature",
      "and Content-Type headers: to re-drive a lost delivery or to reproduce a dispute. AWS access",
      "comes from the environment (AWS_REGION, AWS_ENDPOINT_URL, the default credentials chain)."
    },
    footer = {"", "Exit status: 0 the endpoint answered 2xx, 1 it answered something else, 2 bad input or usage",
        "(including no such object), 3 infrastructure failure (S3 or the endpoint unreachable)."})
public final class ReplayCommand implements Callable<Integer> {

  private final CliContext context;

  @Option(names = "--key", required = true, paramLabel = "KEY", description = "Object key of the stored notification, e.g. raw/production/2024/01/15/11546901/cip.paid-1a2b3c4d5e6f7a8b.json.")
  String key;

  @Option(names = "--to", required = true, paramLabel = "URL", description = "Webhook URL to deliver to, e.g. http://127.0.0.1:8080/webhooks/pagoefectivo.")
  URI to;

  @Option(names = "--bucket", paramLabel = "NAME", description = "Data bucket (default: DATA_BUCKET from the environment).")
  String bucket;

  public ReplayCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    String b = bucket != null ? bucket : context.env().get("DATA_BUCKET");
    if (b == null || b.isBlank()) {
      return usage("--bucket: not given and DATA_BUCKET is not set");
    }
    if (to.getScheme() == null || !to.getScheme().startsWith("http")) {
      return usage("--to: must be an http(s) URL");
    }
    ResponseBytes<GetObjectResponse> object;
    try (AwsClients clients = AwsClients.fromEnvironment(context.env())) {
      object = clients.s3().getObjectAsBytes(r -> r.bucket(b).key(key));
    } catch (NoSuchKeyException e) {
      return usage("--key: no object s3://" + b + "/" + key);
    } catch (S3Exception e) {
      context.err().println("pagorecon replay: cannot read s3://" + b + "/" + key + ": HTTP " + e.statusCode() + " "
          + e.awsErrorDetails().errorCode());
      return ExitCodes.INFRASTRUCTURE;
    } catch (RuntimeException e) {
      context.err().println("pagorecon replay: cannot read s3://" + b + "/" + key + ": " + e.getMessage());
      return ExitCodes.INFRASTRUCTURE;
    }
    Map<String, String> metadata = object.response().metadata();
    HttpRequest.Builder request = HttpRequest.newBuilder(to).timeout(Duration.ofSeconds(30))
        .header("Content-Type", metadata.getOrDefault("content-type", "application/json"))
        .POST(HttpRequest.BodyPublishers.ofByteArray(object.asByteArray()));
    String signature = metadata.get("pe-signature");
    if (signature != null) {
      request.header("PE-Signature", signature);
    }
    HttpResponse<String> response;
    try {
      response = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build()
          .send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      context.err().println("pagorecon replay: cannot reach " + to + ": " + e);
      return ExitCodes.INFRASTRUCTURE;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return ExitCodes.INFRASTRUCTURE;
    }
    context.out().println("replayed s3://" + b + "/" + key + " (" + object.asByteArray().length + " bytes, "
        + (signature == null ? "no PE-Signature" : "original PE-Signature") + ") to " + to + ": HTTP " + response.statusCode());
    context.out().println(response.body());
    context.out().flush();
    return response.statusCode() / 100 == 2 ? ExitCodes.CLEAN : ExitCodes.DISCREPANCIES;
  }

  private int usage(String message) {
    context.err().println("pagorecon replay: " + message);
    return ExitCodes.BAD_INPUT;
  }
}
