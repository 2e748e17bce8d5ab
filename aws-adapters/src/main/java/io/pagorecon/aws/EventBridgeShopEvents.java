package io.pagorecon.aws;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
  private static final ObjectMapper JSON = new ObjectMapper();

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

  static String detail(ShopEvent event) {
    ObjectNode d = JSON.createObjectNode().put("id", event.id()).put("orderId", event.orderId());
    event.cip().ifPresent(c -> d.put("cip", c));
    event.paid().ifPresent(m -> d.put("amount", m.toPlainString()).put("currency", m.currency().name()));
    if (event.type() == ShopEvent.Type.PAYMENT_HELD) {
      ArrayNode reasons = d.putArray("reasons");
      event.reasons().forEach(r -> reasons.add(r.name()));
    }
    d.put("at", event.at().toString());
    return d.toString();
  }
}
