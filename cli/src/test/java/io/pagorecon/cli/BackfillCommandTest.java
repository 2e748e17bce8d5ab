package io.pagorecon.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pagorecon.core.gateway.GatewayCip;
import io.pagorecon.core.money.Currency;
import io.pagorecon.core.money.Money;
import io.pagorecon.core.payment.PaymentEvent;
import io.pagorecon.core.payment.PaymentFact;
import io.pagorecon.core.payment.PaymentRecorder;
import io.pagorecon.core.payment.PaymentState;
import io.pagorecon.core.payment.Source;
import io.pagorecon.core.statement.SettlementMapping;
import io.pagorecon.core.statement.StatementBuilder;
import io.pagorecon.core.time.BusinessCalendar;
import io.pagorecon.fixtures.InMemoryCipGateway;
import io.pagorecon.fixtures.InMemoryPaymentStore;
import io.pagorecon.fixtures.InMemoryStatementStore;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import io.pagorecon.cli.internal.Conventions;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class BackfillCommandTest {

  private final InMemoryPaymentStore payments = new InMemoryPaymentStore();
  private final InMemoryCipGateway gateway = new InMemoryCipGateway();
  private final InMemoryStatementStore statements = new InMemoryStatementStore();
  private final List<String> alerts = new ArrayList<>();
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();
  private final CliContext context = new CliContext(Clock.fixed(Instant.parse("2024-01-20T07:00:00Z"), ZoneOffset.UTC),
      new PrintWriter(out, true), new PrintWriter(err, true), Map.of());
  private final StatementBuilder builder = new StatementBuilder(payments, gateway, statements, (d, r, c) -> alerts.add(d + " " + r),
      List::of, SettlementMapping.standard(), BusinessCalendar.lima(), "sandbox");

  @Test
  void backfill_shouldBuildEveryDayWithProgress_andFailOnlyTheDayThatCannotComplete() {
    known("1001", LocalDate.of(2024, 1, 15));
    known("1002", LocalDate.of(2024, 1, 16));
    gateway.put(gatewayCip("1001", PaymentState.PAID));
    gateway.put(gatewayCip("1002", PaymentState.PAID));
    gateway.failLookups("1002");

    int code = run("--from", "2024-01-15", "--to", "2024-01-17");

    assertEquals(ExitCodes.INFRASTRUCTURE, code);
    String text = out.toString();
    assertTrue(text.contains("[1/3] 2024-01-15 PUBLISHED rows=1"), text);
    assertTrue(text.contains("[2/3] 2024-01-16 FAILED"), text);
    assertTrue(text.contains("[3/3] 2024-01-17 PUBLISHED rows=0"), text);
    assertTrue(statements.day(LocalDate.of(2024, 1, 15)).orElseThrow().csv().contains("1001,ORD-1001,10.00,PEN,PAID"));
    assertEquals(Optional.empty(), statements.day(LocalDate.of(2024, 1, 16)));
    assertEquals(1, alerts.size());
  }

  @Test
  void backfill_shouldRefuseARangeThatIsNotOverOrReversed() {
    assertEquals(ExitCodes.BAD_INPUT, run("--from", "2024-01-18", "--to", "2024-01-20"));
    assertTrue(err.toString().contains("not over yet"), err.toString());
    assertEquals(ExitCodes.BAD_INPUT, run("--from", "2024-01-18", "--to", "2024-01-17"));
    assertEquals(ExitCodes.BAD_INPUT, run("--from", "yesterday", "--to", "2024-01-17"));
    assertEquals(0, statements.publishes());
  }

  @Test
  void backfill_shouldBeRegisteredOnTheRootCommand() {
    assertTrue(Pagorecon.commandLine(context).getSubcommands().containsKey("backfill"));
  }

  private int run(String... args) {
    CommandLine cl = new CommandLine(new BackfillCommand(context, (env, clock) -> builder));
    cl.setOut(context.out());
    cl.setErr(context.err());
    Conventions.apply(cl, context);
    return cl.execute(args);
  }

  private void known(String cip, LocalDate day) {
    new PaymentRecorder(payments, Duration.ofMinutes(10)).record(new PaymentFact(cip, PaymentEvent.PAID, "cip.paid", Source.WEBHOOK,
        day.atStartOfDay(ZoneOffset.ofHours(-5)).plusHours(10).toInstant(), day, Optional.of(Money.of("10.00", Currency.PEN)),
        Optional.of("ORD-" + cip), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty()));
  }

  private static GatewayCip gatewayCip(String cip, PaymentState state) {
    return new GatewayCip(cip, state, 23, "Cancelado", Optional.of(Money.of("10.00", Currency.PEN)), Optional.of("ORD-" + cip),
        Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
  }
}
