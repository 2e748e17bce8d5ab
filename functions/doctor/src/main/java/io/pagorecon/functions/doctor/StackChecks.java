package io.pagorecon.functions.doctor;

import io.pagorecon.aws.AwsClients;
import io.pagorecon.aws.DynamoDbSyncRuns;
import io.pagorecon.core.Stage;
import io.pagorecon.core.payment.StorageException;
import io.pagorecon.core.sync.SyncRuns;
import io.pagorecon.core.time.BusinessCalendar;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/** {@code daily-limit} and {@code pipeline}: read-only looks at a stack's table, bucket and queues. */
public final class StackChecks {

  /** A stack's resources, resolved by whoever built the target. */
  public record Stack(AwsClients clients, Stage stage, String paymentsTable, String dataBucket, List<String> deadLetterQueueUrls,
      LocalTime statementDue) {
    public Stack {
      Objects.requireNonNull(statementDue, "statementDue");
      Objects.requireNonNull(clients, "clients");
      Objects.requireNonNull(stage, "stage");
      Objects.requireNonNull(paymentsTable, "paymentsTable");
      Objects.requireNonNull(dataBucket, "dataBucket");
      deadLetterQueueUrls = List.copyOf(deadLetterQueueUrls);
    }
  }

  /**
   * StatementFunction runs at 02:00 Lima with retries up to an hour; the default deadline leaves an
   * hour more (template parameter StatementDeadlineHourLima). ReconcileFunction's fallback is at 09:00.
   */
  static final LocalTime STATEMENT_DUE = LocalTime.of(4, 0);
  static final LocalTime RECONCILE_DUE = LocalTime.of(9, 30);
  /** SyncFunction runs every 10 minutes (template): three missed runs in a row fail the check. */
  static final Duration SYNC_DUE = Duration.ofMinutes(30);
  static final BigDecimal WARN_SHARE = new BigDecimal("0.80");
  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy/MM/dd");

  private final Clock clock;
  private final BusinessCalendar calendar = BusinessCalendar.lima();

  StackChecks(Clock clock) {
    this.clock = clock;
  }

  /**
   * The facts of a business date: those the state items of the date's CIPs ({@code DAY#} items)
   * recorded with that date (docs/data-model.md), each with its {@code cip}; and the notification
   * items of the {@code byBusinessDate} index written before the single write.
   */
  private List<Map<String, AttributeValue>> notifications(Stack s, LocalDate date) {
    List<Map<String, AttributeValue>> out = new ArrayList<>();
    s.clients().dynamoDb().queryPaginator(q -> q.tableName(s.paymentsTable()).indexName("byBusinessDate")
        .keyConditionExpression("businessDate = :d").expressionAttributeValues(Map.of(":d", AttributeValue.fromS(date.toString()))))
        .items().forEach(out::add);
    List<String> cips = new ArrayList<>();
    s.clients().dynamoDb().queryPaginator(q -> q.tableName(s.paymentsTable()).keyConditionExpression("pk = :pk")
        .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS("DAY#" + date)))).items()
        .forEach(i -> cips.add(i.get("cip").s()));
    for (int from = 0; from < cips.size(); from += 100) {
      List<Map<String, AttributeValue>> keys = cips.subList(from, Math.min(from + 100, cips.size())).stream()
          .map(c -> Map.of("pk", AttributeValue.fromS("CIP#" + c), "sk", AttributeValue.fromS("STATE"))).toList();
      Map<String, software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes> ask =
          Map.of(s.paymentsTable(), software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes.builder().keys(keys).build());
      while (!ask.isEmpty()) {
        Map<String, software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes> request = ask;
        var answer = s.clients().dynamoDb().batchGetItem(b -> b.requestItems(request));
        for (Map<String, AttributeValue> state : answer.responses().getOrDefault(s.paymentsTable(), List.of())) {
          AttributeValue facts = state.get("facts");
          if (facts == null || !facts.hasM()) {
            continue;
          }
          for (AttributeValue f : facts.m().values()) {
            if (f.hasM() && f.m().get("businessDate") != null && date.toString().equals(f.m().get("businessDate").s())) {
              Map<String, AttributeValue> fact = new HashMap<>(f.m());
              fact.put("cip", state.get("cip"));
              out.add(fact);
            }
          }
        }
        ask = answer.hasUnprocessedKeys() ? answer.unprocessedKeys() : Map.of();
      }
    }
    return out;
  }

  Finding dailyLimit(Optional<Stack> stack, Optional<BigDecimal> limit) {
    String check = "daily-limit";
    if (stack.isEmpty()) {
      return Finding.warn(check, "not checked: no stack to count today's payments", "run with --aws");
    }
    if (limit.isEmpty()) {
      return Finding.warn(check, "not checked: no daily limit configured",
          "set the account's limit (PAGOEFECTIVO_DAILY_LIMIT, template parameter DailyLimit) as agreed with PagoEfectivo");
    }
    LocalDate today = calendar.businessDate(clock.instant());
    Map<String, BigDecimal> paidByCip = new HashMap<>();
    try {
      for (Map<String, AttributeValue> n : notifications(stack.get(), today)) {
        if ("PAID".equals(text(n, "event")) && "PEN".equals(text(n, "currency")) && n.containsKey("amount")) {
          paidByCip.put(text(n, "cip"), new BigDecimal(text(n, "amount")));
        }
      }
    } catch (SdkException e) {
      return Finding.fail(check, "cannot read the payments table (" + e.getClass().getSimpleName() + ")",
          "check the AWS credentials and PAYMENTS_TABLE");
    }
    BigDecimal paid = paidByCip.values().stream().reduce(BigDecimal.ZERO, BigDecimal::add).setScale(2);
    String finding = "paid today (" + today + ", PEN) " + paid + " of " + limit.get().setScale(2) + " ("
        + (limit.get().signum() == 0 ? "-" : paid.multiply(BigDecimal.valueOf(100)).divide(limit.get(), 0, java.math.RoundingMode.DOWN)) + " %)";
    if (paid.compareTo(limit.get()) >= 0) {
      return Finding.fail(check, finding, "PagoEfectivo refuses CIPs over the limit: ask PagoEfectivo to raise it, or stop issuing CIPs today");
    }
    if (paid.compareTo(limit.get().multiply(WARN_SHARE)) >= 0) {
      return Finding.warn(check, finding, "ask PagoEfectivo to raise the limit before it is reached");
    }
    return Finding.pass(check, finding);
  }

  Finding pipeline(Optional<Stack> stack) {
    String check = "pipeline";
    if (stack.isEmpty()) {
      return Finding.warn(check, "not checked: no stack", "run with --aws");
    }
    Stack s = stack.get();
    Instant now = clock.instant();
    LocalDate today = calendar.businessDate(now);
    LocalTime limaTime = now.atZone(calendar.zone()).toLocalTime();
    LocalDate yesterday = today.minusDays(1);
    List<String> parts = new ArrayList<>();
    List<String> todo = new ArrayList<>();
    Finding.Verdict worst = Finding.Verdict.PASS;
    try {
      Optional<Instant> lastWebhook = lastWebhook(s, today, yesterday);
      parts.add("last accepted webhook " + lastWebhook.map(Instant::toString).orElse("none in 2 days"));

      Optional<SyncRuns.Run> sync = new DynamoDbSyncRuns(s.clients().dynamoDb(), s.paymentsTable()).last();
      if (sync.isEmpty() || sync.get().finishedAt().isBefore(now.minus(SYNC_DUE))) {
        parts.add("last sync " + sync.map(r -> r.finishedAt().toString() + " LATE").orElse("NEVER"));
        worst = Finding.Verdict.FAIL;
        todo.add("SyncFunction has not finished a run in " + SYNC_DUE.toMinutes() + " min: read its logs and the schedule "
            + "(EveryTenMinutes) and the dead-letter queue");
      } else {
        SyncRuns.Run run = sync.get();
        parts.add("last sync " + run.finishedAt() + " (" + run.checked() + " checked, " + run.failed() + " failed)");
        if (run.failed() > 0 && worst == Finding.Verdict.PASS) {
          worst = Finding.Verdict.WARN;
          todo.add("the last sync could not check " + run.failed() + " CIP(s): read SyncFunction's sync_outcome log line");
        }
      }

      LocalDate statementDay = limaTime.isBefore(s.statementDue()) ? yesterday.minusDays(1) : yesterday;
      boolean statement = exists(s, "statements/" + s.stage().wireName() + "/" + DAY.format(statementDay) + "/manifest.json");
      parts.add("statement " + statementDay + (statement ? " published" : " MISSING"));
      if (!statement) {
        worst = Finding.Verdict.FAIL;
        todo.add("run the statement for " + statementDay + " (backfill --from " + statementDay + " --to " + statementDay
            + ") and read StatementFunction's logs");
      }
      LocalDate reportDay = limaTime.isBefore(RECONCILE_DUE) ? yesterday.minusDays(1) : yesterday;
      boolean report = exists(s, "reports/" + s.stage().wireName() + "/" + DAY.format(reportDay) + "/summary.json");
      parts.add("reconcile " + reportDay + (report ? " reported" : " MISSING"));
      if (!report) {
        worst = Finding.Verdict.FAIL;
        todo.add("invoke ReconcileFunction with {\"businessDate\":\"" + reportDay + "\"} and read its logs");
      }
      long dead = 0;
      for (String url : s.deadLetterQueueUrls()) {
        dead += Long.parseLong(s.clients().sqs().getQueueAttributes(a -> a.queueUrl(url)
            .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES)).attributes()
            .getOrDefault(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES, "0"));
      }
      parts.add("dead-letter messages " + dead);
      if (dead > 0) {
        worst = Finding.Verdict.FAIL;
        todo.add("read the dead-lettered invocations (SchedulerDeadLetterQueueUrl), re-run them, then purge the queue");
      }
    } catch (SdkException | StorageException e) {
      return Finding.fail(check, "cannot read the stack (" + e.getClass().getSimpleName() + ")",
          "check the AWS credentials and the stack's names in the environment");
    }
    return new Finding(check, worst, String.join(", ", parts), todo.isEmpty() ? "nothing to do" : String.join("; ", todo));
  }

  private Optional<Instant> lastWebhook(Stack s, LocalDate today, LocalDate yesterday) {
    Optional<Instant> last = Optional.empty();
    for (LocalDate d : List.of(today, yesterday)) {
      for (Map<String, AttributeValue> n : notifications(s, d)) {
        if ("webhook".equals(text(n, "source")) && n.containsKey("receivedAt")) {
          Instant at = Instant.parse(text(n, "receivedAt"));
          last = last.isEmpty() || at.isAfter(last.get()) ? Optional.of(at) : last;
        }
      }
    }
    return last;
  }

  private static boolean exists(Stack s, String key) {
    try {
      s.clients().s3().headObject(h -> h.bucket(s.dataBucket()).key(key));
      return true;
    } catch (NoSuchKeyException e) {
      return false;
    } catch (S3Exception e) {
      if (e.statusCode() == 404) {
        return false;
      }
      throw e;
    }
  }

  /** AWS's clock, from the Date header of a cheap read (for clock-skew). */
  static Optional<Instant> awsDate(Stack s) {
    try {
      var r = s.clients().s3().headBucket(h -> h.bucket(s.dataBucket()));
      return r.sdkHttpResponse().firstMatchingHeader("Date").map(d ->
          java.time.ZonedDateTime.parse(d, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
    } catch (SdkException | java.time.format.DateTimeParseException e) {
      return Optional.empty();
    }
  }

  private static String text(Map<String, AttributeValue> item, String name) {
    AttributeValue v = item.get(name);
    return v == null ? null : v.s();
  }

}
