package io.pagorecon.cli.ledger;

import io.pagorecon.aws.AwsClients;
import io.pagorecon.aws.DynamoDbLedger;
import io.pagorecon.core.ledger.Ledger;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * Which ledger the command works on: the same keys the functions read ({@code LEDGER_TABLE},
 * {@code AWS_ENDPOINT_URL}, {@code AWS_REGION}) from the environment, each overridable by a flag.
 * Credentials come from the SDK's default chain, never from flags.
 */
public final class LedgerTarget {

  @Option(names = "--table", paramLabel = "NAME", description = "Ledger table (default: $LEDGER_TABLE, the stack's LedgerTableName output).")
  String table;

  @Option(names = "--endpoint", paramLabel = "URL", description = "AWS endpoint, e.g. the local emulator (default: $AWS_ENDPOINT_URL).")
  String endpoint;

  @Option(names = "--region", paramLabel = "REGION", description = "AWS region (default: $AWS_REGION).")
  String region;

  /** The table name, or empty when neither the flag nor the environment gives one. */
  Optional<String> table(Map<String, String> env) {
    return Optional.ofNullable(table).or(() -> Optional.ofNullable(env.get("LEDGER_TABLE"))).map(String::strip).filter(s -> !s.isEmpty());
  }

  /** The client environment: the process environment with the flags applied. */
  Map<String, String> clientEnvironment(Map<String, String> env) {
    Map<String, String> out = new HashMap<>(env);
    if (endpoint != null) {
      out.put("AWS_ENDPOINT_URL", endpoint);
      // The local emulator (moto) needs path-style S3; harmless for DynamoDB.
      out.putIfAbsent("S3_FORCE_PATH_STYLE", "true");
    }
    if (region != null) {
      out.put("AWS_REGION", region);
    }
    return out;
  }

  /** Opens the ledger; the caller closes the clients. */
  record Opened(AwsClients clients, Ledger ledger) implements AutoCloseable {
    @Override
    public void close() {
      clients.close();
    }
  }

  Opened open(Map<String, String> env, String tableName) {
    AwsClients clients = AwsClients.fromEnvironment(clientEnvironment(env));
    return new Opened(clients, new DynamoDbLedger(clients.dynamoDb(), tableName));
  }
}
