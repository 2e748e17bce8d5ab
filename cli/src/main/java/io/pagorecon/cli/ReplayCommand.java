package io.pagorecon.cli;

import io.pagorecon.aws.AwsClients;
import io.pagorecon.aws.EvidenceArchive;
import io.pagorecon.aws.EvidenceItems;
import io.pagorecon.cli.internal.AwsErrors;
import io.pagorecon.cli.internal.CliError;
import io.pagorecon.cli.internal.ResolvedStack;
import io.pagorecon.cli.internal.StackTarget;
import io.pagorecon.core.payment.StorageException;
import io.pagorecon.core.webhook.EvidenceKeys;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/** {@code pagorecon replay}: re-delivers a stored raw notification, byte for byte, with its original headers. */
@Command(
    name = "replay",
    mixinStandardHelpOptions = true,
    header = "Re-deliver an archived notification byte for byte to a webhook.",
    description = {
      "Reads a notification the webhook archived (evidence/...#record: its evidence item in the payments table, else its hour's batch in the data bucket; "
          + "raw/... or rejected/...: an object of the data bucket; see docs/data-model.md) and POSTs the exact "
          + "bytes to a webhook URL with the original PE-Signature and Content-Type headers: to re-drive a lost delivery or to reproduce a dispute. "
          + "The keys of an order's notifications are the cips[].evidenceKeys that GET /payments/{orderId} answers."
    },
    footer = {
      "",
      "Examples:",
      "  ./pagorecon replay --local --key 'evidence/sandbox/batches/2024/01/15/15.jsonl.gz#11546901/cip.paid-1a2b3c4d5e6f7a8b'",
      "  ./pagorecon replay --local --key raw/sandbox/2024/01/15/11546901/cip.paid-1a2b3c4d5e6f7a8b.json",
      "  ./pagorecon replay --aws --stack-name pagorecon-sandbox --key raw/sandbox/2024/01/15/11546901/cip.paid-1a2b3c4d5e6f7a8b.json",
      "",
      "Environment: " + StackTarget.ENVIRONMENT_HELP + "; without --local or --aws: DATA_BUCKET, PAYMENTS_TABLE (batched keys), AWS_REGION, AWS_ENDPOINT_URL.",
      "",
      "Exit status:",
      "  0  the endpoint answered 2xx",
      "  1  it answered something else (printed)",
      "  2  bad input or usage, including no such object or bucket",
      "  3  infrastructure failure (S3 or the endpoint unreachable)"
    })
public final class ReplayCommand implements Callable<Integer> {

  private final CliContext context;

  @Mixin StackTarget stack = new StackTarget();

  @Option(names = "--key", required = true, paramLabel = "KEY", description = "Object key of the stored notification, e.g. raw/production/2024/01/15/11546901/cip.paid-1a2b3c4d5e6f7a8b.json.")
  String key;

  @Option(names = "--to", paramLabel = "URL", description = "Webhook URL to deliver to (default: the stack's: with --local the one ./pagorecon serve listens on, with --aws the WebhookUrl output).")
  URI to;

  @Option(names = "--bucket", paramLabel = "NAME", description = "Data bucket (default: the stack's DataBucket; without --local or --aws, DATA_BUCKET).")
  String bucket;

  public ReplayCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    Optional<ResolvedStack> target = stack.resolve(context);
    String b = bucket != null ? bucket
        : target.map(s -> s.ref("DataBucket")).orElseGet(() -> context.env().get("DATA_BUCKET"));
    if (b == null || b.isBlank()) {
      throw StackTarget.noStack("DATA_BUCKET");
    }
    URI url = to != null ? to : target.flatMap(ResolvedStack::webhookUrl).orElseThrow(() ->
        CliError.badInput("--to", "not given, and the stack names no webhook URL", "pass --to URL"));
    if (url.getScheme() == null || !url.getScheme().startsWith("http")) {
      throw CliError.badInput("--to " + url, "not an http(s) URL", "e.g. --to http://127.0.0.1:8080/webhooks/pagoefectivo");
    }
    Map<String, String> clientEnv = target.map(ResolvedStack::clientEnvironment).orElse(context.env());
    byte[] body;
    Map<String, String> metadata;
    try (AwsClients clients = AwsClients.fromEnvironment(clientEnv)) {
      if (EvidenceKeys.isBatched(key)) {
        String table = target.map(s -> s.ref("PaymentsTable")).orElseGet(() -> context.env().get("PAYMENTS_TABLE"));
        if (table == null || table.isBlank()) {
          throw StackTarget.noStack("PAYMENTS_TABLE");
        }
        EvidenceItems.Evidence evidence = new EvidenceArchive(clients.dynamoDb(), table, clients.s3(), b).read(key)
            .orElseThrow(() -> CliError.badInput("--key " + key, "no such record: neither its evidence item in " + table
                + " nor its hour's batch in s3://" + b, "copy the key from GET /payments/{orderId} (evidenceKeys)"));
        body = evidence.body();
        metadata = evidence.metadata();
      } else {
        ResponseBytes<GetObjectResponse> object = clients.s3().getObjectAsBytes(r -> r.bucket(b).key(key));
        body = object.asByteArray();
        metadata = object.response().metadata();
      }
    } catch (NoSuchKeyException e) {
      throw CliError.badInput("--key " + key, "no such object in s3://" + b, "copy the key from GET /payments/{orderId} (evidenceKeys) or the bucket's listing", e);
    } catch (NoSuchBucketException e) {
      throw CliError.badInput("--bucket " + b, "no such bucket", "name the stack with --local or --aws, or pass the right --bucket", e);
    } catch (StorageException e) {
      throw e.getCause() instanceof SdkException sdk ? AwsErrors.describe("reading " + key, sdk)
          : CliError.infrastructure("reading " + key, String.valueOf(e.getMessage()), "check the stack and run it again", e);
    } catch (SdkException e) {
      throw AwsErrors.describe("reading s3://" + b + "/" + key, e);
    } catch (IllegalArgumentException e) {
      throw CliError.badInput("AWS configuration", e.getMessage(), "fix the variable it names", e);
    }
    HttpRequest.Builder request = HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(30))
        .header("Content-Type", metadata.getOrDefault("content-type", "application/json"))
        .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    String signature = metadata.get("pe-signature");
    if (signature != null) {
      request.header("PE-Signature", signature);
    }
    HttpResponse<String> response;
    try {
      response = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build()
          .send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw CliError.infrastructure(url.toString(), "cannot be reached (" + (e.getMessage() == null ? "connection failed" : e.getMessage()) + ")",
          "check that the webhook is up (./pagorecon serve) and the URL", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw CliError.infrastructure(url.toString(), "interrupted", "run it again", e);
    }
    context.out().println("replayed " + (EvidenceKeys.isBatched(key) ? "" : "s3://" + b + "/") + key + " (" + body.length + " bytes, "
        + (signature == null ? "no PE-Signature" : "original PE-Signature") + ") to " + url + ": HTTP " + response.statusCode());
    context.out().println(response.body());
    context.out().flush();
    return response.statusCode() / 100 == 2 ? ExitCodes.CLEAN : ExitCodes.DISCREPANCIES;
  }
}
