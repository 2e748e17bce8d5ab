package io.pagorecon.cli.evidence;

import io.pagorecon.aws.AwsClients;
import io.pagorecon.aws.secrets.SecretsManagerSecretSource;
import io.pagorecon.cli.CliContext;
import io.pagorecon.cli.ExitCodes;
import io.pagorecon.cli.internal.ResolvedStack;
import io.pagorecon.cli.internal.StackTarget;
import io.pagorecon.core.Stage;
import io.pagorecon.core.secrets.SecretUnavailableException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code pagorecon evidence --order ID | --cip N --out FILE.zip}: the dispute pack of one order or CIP, from a stack. */
@Command(
    name = "evidence",
    mixinStandardHelpOptions = true,
    header = "Write the dispute evidence pack of one order or CIP.",
    description = {
      "Writes the dispute pack of one order or CIP (docs/evidence.md): raw notification bytes with their headers and the signature verified "
          + "again now, journal entries, statement rows, ledger entries with their history, report lines and summary.md in zh/es/en."
    },
    footer = {
      "",
      "Examples:",
      "  ./pagorecon evidence --cip 11546901 --out pack-11546901.zip",
      "  ./pagorecon evidence --order ORD-1001 --out pack-ORD-1001.zip --local",
      "  ./pagorecon evidence --cip 11546901 --out target/pack-11546901.zip --aws",
      "",
      "Environment: " + StackTarget.ENVIRONMENT_HELP + "; without --local or --aws: STAGE, PAYMENTS_TABLE, DATA_BUCKET, LEDGER_TABLE, "
          + "PAGOEFECTIVO_SECRET_ARN, SELLER_ZONE and the AWS settings (AWS_REGION, AWS_ENDPOINT_URL, the credentials chain).",
      "",
      "Exit status:",
      "  0  written",
      "  2  bad input or usage, or nothing known of that order or CIP",
      "  3  AWS unreachable"
    })
public final class EvidenceCommand implements Callable<Integer> {

  static final class Target {
    @Option(names = "--order", paramLabel = "ID", description = "The shop's order id (transactionCode).")
    String order;

    @Option(names = "--cip", paramLabel = "N", description = "A CIP number.")
    String cip;
  }

  private final CliContext context;

  @ArgGroup(exclusive = true, multiplicity = "1")
  Target target;

  @Option(names = "--out", required = true, paramLabel = "FILE.zip", description = "Where to write the pack.")
  Path out;

  @Mixin StackTarget stack = new StackTarget();

  public EvidenceCommand(CliContext context) {
    this.context = Objects.requireNonNull(context, "context");
  }

  /** What the pack reads, as ReconcileFunction sees the stack, plus the PagoEfectivo secret to verify signatures with. */
  static Map<String, String> stackEnvironment(ResolvedStack s) {
    Map<String, String> env = new HashMap<>(s.functionEnvironment("ReconcileFunction"));
    env.put("PAGOEFECTIVO_SECRET_ARN", s.ref("PagoEfectivoSecret"));
    return env;
  }

  @Override
  public Integer call() {
    Map<String, String> env = stack.resolve(context).map(EvidenceCommand::stackEnvironment).orElse(context.env());
    Optional<Stage> stage = Stage.parse(env.get("STAGE"));
    String table = env.get("PAYMENTS_TABLE");
    String bucket = env.get("DATA_BUCKET");
    if (stage.isEmpty() || table == null || bucket == null) {
      context.err().println("pagorecon evidence: name the stack with --local or --aws [--stack-name NAME], "
          + "or set STAGE, PAYMENTS_TABLE and DATA_BUCKET (the stack's names)");
      return ExitCodes.BAD_INPUT;
    }
    if (target.cip != null && !target.cip.matches("^[0-9]{1,14}$")) {
      context.err().println("pagorecon evidence: --cip is 1 to 14 digits");
      return ExitCodes.BAD_INPUT;
    }
    try (AwsClients clients = AwsClients.fromEnvironment(env)) {
      Optional<String> secretKey = Optional.ofNullable(env.get("PAGOEFECTIVO_SECRET_ARN")).filter(s -> !s.isBlank())
          .map(arn -> new SecretsManagerSecretSource(clients.secretsManager()).fields(arn).require("secretKey"));
      Optional<ZoneId> seller = Optional.ofNullable(env.get("SELLER_ZONE")).filter(s -> !s.isBlank()).map(ZoneId::of);
      EvidencePack pack = new EvidencePack(new EvidencePack.Source(clients, stage.get(), table, bucket,
          Optional.ofNullable(env.get("LEDGER_TABLE")).filter(s -> !s.isBlank()), secretKey, seller));
      List<String> cips = target.cip != null ? List.of(target.cip) : pack.cipsOfOrder(target.order);
      if (cips.isEmpty()) {
        context.err().println("pagorecon evidence: no CIP is recorded for order " + target.order);
        return ExitCodes.BAD_INPUT;
      }
      EvidencePack.Result r;
      Path parent = out.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      try (OutputStream zip = Files.newOutputStream(out)) {
        r = pack.write(Optional.ofNullable(target.order), cips, zip);
      }
      context.out().println("pagorecon evidence: " + out + " (CIPs " + String.join(", ", r.cips()) + ": " + r.notifications()
          + " notification(s), " + r.verified() + " signature(s) verified now, " + r.journalLines() + " journal line(s), "
          + r.statementRows() + " statement row(s), " + r.reportLines() + " report line(s), " + r.ledgerEntries() + " ledger entr(ies))");
      return ExitCodes.CLEAN;
    } catch (IllegalArgumentException e) {
      context.err().println("pagorecon evidence: " + e.getMessage());
      return ExitCodes.BAD_INPUT;
    } catch (IOException e) {
      context.err().println("pagorecon evidence: cannot write " + out + ": " + e.getMessage());
      return ExitCodes.INFRASTRUCTURE;
    } catch (SecretUnavailableException | software.amazon.awssdk.core.exception.SdkException e) {
      context.err().println("pagorecon evidence: could not read the stack: " + e.getMessage());
      return ExitCodes.INFRASTRUCTURE;
    }
  }
}
