package io.pagorecon.aws;

import io.pagorecon.core.order.ShopEvent;
import io.pagorecon.core.order.ShopEvents;
import io.pagorecon.core.payment.StorageException;
import java.util.Objects;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResponse;

/**
 * {@link ShopEvents} on the shop events bus: {@code source} {@code pagorecon}, {@code detail-type}
 * the event's wire name ({@code payment.confirmed} ...), {@code detail} a small JSON object (order,
 * CIP, amount, reasons; never payer data). A rejected entry is a failure, like an unreachable bus.
 */
public final class EventBridgeShopEvents implements ShopEvents {

  public static final String SOURCE = "pagorecon";

  private final EventBridgeClient eventBridge;
  private final String busName;

  public EventBridgeShopEvents(EventBridgeClient eventBridge, String busName) {
    this.eventBridge = Objects.requireNonNull(eventBridge, "eventBridge");
    this.busName = Objects.requireNonNull(busName, "busName");
  }

  @Override
  public void publish(ShopEvent event) {
    PutEventsResponse response;
    try {
      response = eventBridge.putEvents(r -> r.entries(entry(event)));
    } catch (SdkException e) {
      throw new StorageException("shop events bus: publishing " + event.type().wireName() + " failed", e);
    }
    if (response.failedEntryCount() != null && response.failedEntryCount() > 0) {
      String code = response.entries().isEmpty() ? "?" : response.entries().get(0).errorCode();
      throw new StorageException("shop events bus: " + event.type().wireName() + " was rejected (" + code + ")", null);
    }
  }

  PutEventsRequestEntry entry(ShopEvent event) {
    return PutEventsRequestEntry.builder()
        .eventBusName(busName)
        .source(SOURCE)
        .detailType(event.type().wireName())
        .detail(detail(event))
        .build();
  }

  /** Written by hand: WebhookFunction's jar carries no Jackson databind (docs/performance.md §2). */
  static String detail(ShopEvent event) {
    StringBuilder d = new StringBuilder("{");
    field(d, "id", event.id());
    field(d, "orderId", event.orderId());
    event.cip().ifPresent(c -> field(d, "cip", c));
    event.paid().ifPresent(m -> {
      field(d, "amount", m.toPlainString());
      field(d, "currency", m.currency().name());
    });
    if (event.type() == ShopEvent.Type.PAYMENT_HELD) {
      d.append("\"reasons\":[");
      for (int i = 0; i < event.reasons().size(); i++) {
        d.append(i == 0 ? "" : ",").append(quoted(event.reasons().get(i).name()));
      }
      d.append("],");
    }
    field(d, "at", event.at().toString());
    d.setLength(d.length() - 1);
    return d.append('}').toString();
  }

  private static void field(StringBuilder out, String name, String value) {
    out.append(quoted(name)).append(':').append(quoted(value)).append(',');
  }

  /** A JSON string: quotes, backslashes and control characters escaped (order ids come from the shop). */
  static String quoted(String value) {
    StringBuilder out = new StringBuilder(value.length() + 2).append('"');
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == '"' || c == '\\') {
        out.append('\\').append(c);
      } else if (c < 0x20) {
        out.append(String.format("\\u%04x", (int) c));
      } else {
        out.append(c);
      }
    }
    return out.append('"').toString();
  }
}
