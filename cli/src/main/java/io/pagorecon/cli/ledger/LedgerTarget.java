package io.pagorecon.cli.ledger;

import io.pagorecon.aws.AwsClients;
import io.pagorecon.aws.DynamoDbLedger;
import io.pagorecon.cli.CliContext;
import io.pagorecon.cli.internal.ResolvedStack;
import io.pagorecon.cli.internal.StackTarget;
import io.pagorecon.core.ledger.Ledger;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Which ledger the command works on: the stack's LedgerTable ({@code --local} or {@code --aws}, see
 * {@link StackTarget}), else the keys the functions read ({@code LEDGER_TABLE}, {@code
 * AWS_ENDPOINT_URL}, {@code AWS_REGION}) from the environment; {@code --table} and {@code
 * --endpoint} override. Credentials come from the SDK's default chain, never from flags.
 */
public final class LedgerTarget {

  @Mixin StackTarget stack = new StackTarget();

  @Option(names = "--table", paramLabel = "NAME", description = "Ledger table (default: the stack's LedgerTable; without --local or --aws, LEDGER_TABLE).")
  String table;

  @Option(names = "--endpoint", paramLabel = "URL", description = "AWS endpoint, e.g. a local emulator (default: the stack's; without --local or --aws, AWS_ENDPOINT_URL).")
  String endpoint;

  /** The table and the client environment of the ledger named, or empty when nothing names a table. */
  record Named(String table, Map<String, String> clientEnvironment) {}

  Optional<Named> name(CliContext context) {
    Optional<ResolvedStack> resolved = stack.resolve(context);
    Optional<String> name = Optional.ofNullable(table)
        .or(() -> resolved.map(s -> s.ref("LedgerTable")))
        .or(() -> Optional.ofNullable(context.env().get("LEDGER_TABLE")))
        .map(String::strip).filter(s -> !s.isEmpty());
    if (name.isEmpty()) {
      return Optional.empty();
    }
    Map<String, String> env = new HashMap<>(resolved.map(ResolvedStack::clientEnvironment).orElse(context.env()));
    if (endpoint != null) {
      env.put("AWS_ENDPOINT_URL", endpoint);
      // The local emulator (moto) needs path-style S3; harmless for DynamoDB.
      env.putIfAbsent("S3_FORCE_PATH_STYLE", "true");
    }
    stack.region().ifPresent(r -> env.put("AWS_REGION", r));
    return Optional.of(new Named(name.get(), env));
  }

  /** Opens the ledger; the caller closes the clients. */
  record Opened(AwsClients clients, Ledger ledger) implements AutoCloseable {
    @Override
    public void close() {
      clients.close();
    }
  }

  static Opened open(Named named) {
    AwsClients clients = AwsClients.fromEnvironment(named.clientEnvironment());
    return new Opened(clients, new DynamoDbLedger(clients.dynamoDb(), named.table()));
  }
}
