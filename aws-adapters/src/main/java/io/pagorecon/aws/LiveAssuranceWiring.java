package io.pagorecon.aws;

import io.pagorecon.core.Stage;
import io.pagorecon.core.alert.AlertLanguage;
import io.pagorecon.core.alert.LiveAlerts;
import io.pagorecon.core.config.Environment;
import io.pagorecon.core.order.PaymentAssurance;
import io.pagorecon.core.payment.PaymentStore;
import io.pagorecon.core.time.BusinessCalendar;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The live payment assurance (docs/payment-decision.md) on AWS, as WebhookFunction, SyncFunction
 * and PaymentsApiFunction wire it: orders on the payments table, live ledger entries on the ledger
 * table, alerts on the alerts topic, shop events on the shop events bus.
 */
public record LiveAssuranceWiring(String ledgerTable, String alertsTopicArn, String shopEventBus, AlertLanguage language,
    boolean orphanAlerts) {

  public static final String LEDGER_TABLE = "LEDGER_TABLE";
  public static final String ALERTS_TOPIC_ARN = "ALERTS_TOPIC_ARN";
  public static final String SHOP_EVENT_BUS = "SHOP_EVENT_BUS";
  public static final String ALERT_LANGUAGE = "ALERT_LANGUAGE";
  /** Alert a payment naming no order at once (false when the shop issues its CIPs itself). */
  public static final String LIVE_ORPHAN_ALERTS = "LIVE_ORPHAN_ALERTS";

  public static final List<String> KEYS = List.of(LEDGER_TABLE, ALERTS_TOPIC_ARN, SHOP_EVENT_BUS, ALERT_LANGUAGE, LIVE_ORPHAN_ALERTS);

  public LiveAssuranceWiring {
    Objects.requireNonNull(ledgerTable, LEDGER_TABLE);
    Objects.requireNonNull(alertsTopicArn, ALERTS_TOPIC_ARN);
    Objects.requireNonNull(shopEventBus, SHOP_EVENT_BUS);
    Objects.requireNonNull(language, ALERT_LANGUAGE);
  }

  /** Reads the settings; a missing or invalid value fails naming its variable. */
  public static LiveAssuranceWiring fromEnvironment(Map<String, String> env) {
    Environment vars = new Environment(env);
    String languageText = vars.optional(ALERT_LANGUAGE).orElse("zh");
    AlertLanguage language = AlertLanguage.parse(languageText)
        .orElseThrow(() -> new IllegalArgumentException(ALERT_LANGUAGE + " must be zh, en or es, not '" + languageText + "'"));
    return new LiveAssuranceWiring(vars.required(LEDGER_TABLE), vars.required(ALERTS_TOPIC_ARN), vars.required(SHOP_EVENT_BUS), language,
        vars.flag(LIVE_ORPHAN_ALERTS, true));
  }

  public PaymentAssurance assurance(AwsClients clients, String paymentsTable, PaymentStore payments, Stage stage, BusinessCalendar calendar) {
    return new PaymentAssurance(new DynamoDbOrderStore(clients.dynamoDb(), paymentsTable), payments,
        new DynamoDbLedger(clients.dynamoDb(), ledgerTable), new SnsAlertPublisher(clients.sns(), alertsTopicArn),
        new LiveAlerts(language, stage.wireName()), shopEvents(clients), calendar, orphanAlerts);
  }

  public EventBridgeShopEvents shopEvents(AwsClients clients) {
    return new EventBridgeShopEvents(clients.eventBridge(), shopEventBus);
  }
}
