package io.pagorecon.cli.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pagorecon.aws.DynamoDbLedger;
import io.pagorecon.core.ledger.DiscrepancyLedger;
import io.pagorecon.core.ledger.LedgerEntry;
import io.pagorecon.core.ledger.LedgerStatus;
import io.pagorecon.core.money.Currency;
import io.pagorecon.core.money.Money;
import io.pagorecon.core.reconcile.Category;
import io.pagorecon.core.reconcile.Discrepancy;
import io.pagorecon.devstack.AwsTestEnvironment;
import io.pagorecon.devstack.MotoStack;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** {@code pagorecon ledger} against the template's LedgerTable in moto. */
@MotoStack
class LedgerCommandIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final LocalDate DAY = LocalDate.of(2024, 1, 15);
  private static final String A1 = "PAID_NOT_RECORDED|A1|1001";

  private static Map<String, String> seed(AwsTestEnvironment aws) {
    Optional<Money> m = Optional.of(Money.of("160.35", Currency.PEN));
    Discrepancy a1 = new Discrepancy(Category.PAID_NOT_RECORDED, Optional.of(DAY), "A1", "1001", m, m, Optional.of(Currency.PEN),
        Optional.empty(), Optional.empty(), "", Optional.empty());
    Discrepancy a2 = new Discrepancy(Category.LATE_WEBHOOK, Optional.of(DAY), "A2", "1002", m, m, Optional.of(Currency.PEN),
        Optional.empty(), Optional.empty(), "41 min", Optional.empty());
    new DiscrepancyLedger(new DynamoDbLedger(aws.clients().dynamoDb(), aws.ref("LedgerTable")))
        .apply(DAY, List.of(a1, a2), Instant.parse("2024-01-16T06:00:00Z"));
    Map<String, String> env = new HashMap<>(aws.stack().clientEnvironment());
    env.put("LEDGER_TABLE", aws.ref("LedgerTable"));
    env.put("USER", "li.wei");
    return env;
  }

  @Test
  void listShowAckResolve_shouldWorkAndRecordOwnerNotesAndActor(AwsTestEnvironment aws) throws Exception {
    Map<String, String> env = seed(aws);

    Cli list = Cli.run(env, "ledger", "list");
    assertThat(list.exit()).as(list.err()).isZero();
    assertThat(list.out()).contains(A1).contains("LATE_WEBHOOK|A2|1002").contains("160.35 PEN");

    Cli ack = Cli.run(env, "ledger", "ack", A1, "--owner", "finance", "--note", "calling the agent");
    assertThat(ack.exit()).as(ack.err()).isZero();
    assertThat(ack.out()).contains("ACKNOWLEDGED");

    Cli acknowledged = Cli.run(env, "ledger", "list", "--status", "acknowledged", "--json");
    JsonNode entries = JSON.readTree(acknowledged.out());
    assertThat(entries).hasSize(1);
    assertThat(entries.get(0).path("owner").asText()).isEqualTo("finance");

    Cli resolve = Cli.run(env, "ledger", "resolve", A1, "--note", "shipped", "--actor", "zhang.san");
    assertThat(resolve.exit()).as(resolve.err()).isZero();

    Cli show = Cli.run(env, "ledger", "show", A1, "--json");
    JsonNode e = JSON.readTree(show.out());
    assertThat(e.path("status").asText()).isEqualTo("RESOLVED");
    assertThat(e.path("notes")).extracting(JsonNode::asText).containsExactly("calling the agent", "shipped");
    JsonNode history = e.path("history");
    assertThat(history).extracting(h -> h.path("action").asText()).containsExactly("opened", "acknowledged", "resolved");
    assertThat(history.get(1).path("actor").asText()).isEqualTo("li.wei");
    assertThat(history.get(2).path("actor").asText()).isEqualTo("zhang.san");
    assertThat(history.get(2).path("at").asText()).isEqualTo("2024-01-16T15:00:00.000Z");

    Cli text = Cli.run(env, "ledger", "show", A1);
    assertThat(text.out()).contains("status:      RESOLVED").contains("ACKNOWLEDGED -> RESOLVED  \"shipped\"");
    LedgerEntry stored = new DynamoDbLedger(aws.clients().dynamoDb(), aws.ref("LedgerTable")).find(A1).orElseThrow();
    assertThat(stored.status()).isEqualTo(LedgerStatus.RESOLVED);
    assertThat(stored.version()).isEqualTo(3);
  }

  @Test
  void resolvingTwiceAndUnknownIds_shouldBeReportedWithTheirExitCodes(AwsTestEnvironment aws) {
    Map<String, String> env = seed(aws);
    assertThat(Cli.run(env, "ledger", "resolve", A1).exit()).isZero();

    Cli again = Cli.run(env, "ledger", "resolve", A1);
    Cli unknown = Cli.run(env, "ledger", "show", "NOPE|x|y");
    Cli unknownAck = Cli.run(env, "ledger", "ack", "NOPE|x|y");

    assertThat(again.exit()).isEqualTo(1);
    assertThat(again.err()).contains("RESOLVED").contains("nothing changed");
    assertThat(unknown.exit()).isEqualTo(2);
    assertThat(unknownAck.exit()).isEqualTo(2);
  }

  @Test
  void unreachableEndpoint_shouldBeAnInfrastructureFailure(AwsTestEnvironment aws) {
    Map<String, String> env = seed(aws);

    Cli r = Cli.run(env, "ledger", "list", "--endpoint", "http://127.0.0.1:9");

    assertThat(r.exit()).isEqualTo(3);
    assertThat(r.err()).startsWith("pagorecon ledger list: AWS: ");
  }
}
