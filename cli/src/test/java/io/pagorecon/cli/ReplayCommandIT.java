package io.pagorecon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.pagorecon.aws.EvidenceArchive;
import io.pagorecon.aws.EvidenceItems;
import io.pagorecon.devstack.AwsTestEnvironment;
import io.pagorecon.devstack.MotoStack;
import io.pagorecon.devstack.http.LoopbackHttpServer;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

@MotoStack
class ReplayCommandIT {

  static final String KEY = "raw/sandbox/2024/01/15/11546901/cip.paid-0123456789abcdef.json";
  // Stored exactly as received: a space and key order a re-serialisation would lose.
  static final byte[] BODY = "{\"eventType\":\"cip.paid\", \"data\":{\"cip\":\"11546901\",\"amount\":22.50}}".getBytes(StandardCharsets.UTF_8);

  private Map<String, String> env(AwsTestEnvironment aws) {
    Map<String, String> env = new HashMap<>(aws.functionEnvironment("WebhookFunction"));
    aws.clients().s3().putObject(p -> p.bucket(aws.ref("DataBucket")).key(KEY)
        .metadata(Map.of("pe-signature", "ABCDEF0123", "content-type", "application/json; charset=utf-8", "received-at", "2024-01-15T15:35:20Z")),
        RequestBody.fromBytes(BODY));
    return env;
  }

  @Test
  void replay_shouldPostTheStoredBytesWithTheOriginalHeaders_andExit0On200(AwsTestEnvironment aws) throws Exception {
    Map<String, String> env = env(aws);
    AtomicReference<byte[]> body = new AtomicReference<>();
    AtomicReference<String> signature = new AtomicReference<>();
    AtomicReference<String> contentType = new AtomicReference<>();
    HttpServer receiver = LoopbackHttpServer.create(0, 0);
    receiver.createContext("/", x -> {
      body.set(x.getRequestBody().readAllBytes());
      signature.set(x.getRequestHeaders().getFirst("PE-Signature"));
      contentType.set(x.getRequestHeaders().getFirst("Content-Type"));
      x.sendResponseHeaders(200, -1);
      x.close();
    });
    receiver.start();
    try {
      Cli cli = new Cli(env);

      int code = cli.run("replay", "--key", KEY, "--to", "http://127.0.0.1:" + receiver.getAddress().getPort() + "/webhooks/pagoefectivo");

      assertThat(code).as(cli.err()).isZero();
      assertThat(body.get()).isEqualTo(BODY);
      assertThat(signature.get()).isEqualTo("ABCDEF0123");
      assertThat(contentType.get()).isEqualTo("application/json; charset=utf-8");
      assertThat(cli.out()).contains("HTTP 200");
    } finally {
      receiver.stop(0);
    }
  }

  @Test
  void replay_shouldPostABatchedRecordsBytes_fromItsItem_thenFromItsHoursBatchOnceTheItemIsGone(AwsTestEnvironment aws) throws Exception {
    Map<String, String> env = env(aws);
    String table = aws.ref("PaymentsTable");
    String key = "evidence/sandbox/batches/2024/01/15/15.jsonl.gz#11546901/cip.paid-0123456789abcdef";
    EvidenceItems items = new EvidenceItems(aws.clients().dynamoDb(), table);
    items.put(key, BODY, Map.of("pe-signature", "ABCDEF0123", "content-type", "application/json"), java.time.Instant.parse("2024-01-15T15:35:20Z"));
    java.util.List<byte[]> received = new java.util.concurrent.CopyOnWriteArrayList<>();
    java.util.List<String> signatures = new java.util.concurrent.CopyOnWriteArrayList<>();
    HttpServer receiver = LoopbackHttpServer.create(0, 0);
    receiver.createContext("/", x -> {
      received.add(x.getRequestBody().readAllBytes());
      signatures.add(x.getRequestHeaders().getFirst("PE-Signature"));
      x.sendResponseHeaders(200, -1);
      x.close();
    });
    receiver.start();
    try {
      String to = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/webhooks/pagoefectivo";
      Cli fromItem = new Cli(env);
      assertThat(fromItem.run("replay", "--key", key, "--to", to)).as(fromItem.err()).isZero();

      // the hour is exported, then its item expires: the record is read from the batch
      new EvidenceArchive(aws.clients().dynamoDb(), table, aws.clients().s3(), aws.ref("DataBucket"))
          .export("evidence/sandbox/batches/2024/01/15/15.jsonl.gz");
      aws.clients().dynamoDb().deleteItem(d -> d.tableName(table).key(Map.of(
          "pk", AttributeValue.fromS(EvidenceItems.PK_PREFIX + "evidence/sandbox/batches/2024/01/15/15.jsonl.gz"),
          "sk", AttributeValue.fromS("11546901/cip.paid-0123456789abcdef"))));
      Cli fromBatch = new Cli(env);
      assertThat(fromBatch.run("replay", "--key", key, "--to", to)).as(fromBatch.err()).isZero();

      assertThat(received).hasSize(2).allSatisfy(b -> assertThat(b).isEqualTo(BODY));
      assertThat(signatures).containsExactly("ABCDEF0123", "ABCDEF0123");
      assertThat(new Cli(env).run("replay", "--key", key.replace("0123", "9999"), "--to", to)).isEqualTo(ExitCodes.BAD_INPUT);
    } finally {
      receiver.stop(0);
    }
  }

  @Test
  void replay_shouldExit1_whenTheEndpointRefuses(AwsTestEnvironment aws) throws Exception {
    Map<String, String> env = env(aws);
    HttpServer receiver = LoopbackHttpServer.create(0, 0);
    receiver.createContext("/", x -> {
      x.getRequestBody().readAllBytes();
      x.sendResponseHeaders(401, -1);
      x.close();
    });
    receiver.start();
    try {
      Cli cli = new Cli(env);

      int code = cli.run("replay", "--key", KEY, "--to", "http://127.0.0.1:" + receiver.getAddress().getPort() + "/");

      assertThat(code).isEqualTo(ExitCodes.DISCREPANCIES);
      assertThat(cli.out()).contains("HTTP 401");
    } finally {
      receiver.stop(0);
    }
  }

  @Test
  void replay_shouldExit2NamingTheObject_whenTheKeyDoesNotExist(AwsTestEnvironment aws) {
    Cli cli = new Cli(aws.functionEnvironment("WebhookFunction"));

    int code = cli.run("replay", "--key", "raw/none.json", "--to", "http://127.0.0.1:9/");

    assertThat(code).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(cli.err()).contains("no such object in s3://").contains("raw/none.json");
  }
}
