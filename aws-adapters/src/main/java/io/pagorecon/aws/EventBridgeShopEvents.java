package io.pagorecon.aws;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.pagorecon.core.order.ShopEvent;
import io.pagorecon.core.order.ShopEvents;
import io.pagorecon.core.payment.StorageException;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
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
  // jackson-core only: the webhook's jar ships without databind (cold start, jar size)
  private static final JsonFactory JSON = new JsonFactory();

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
    StringWriter out = new StringWriter(160);
    try (JsonGenerator g = JSON.createGenerator(out)) {
      g.writeStartObject();
      g.writeStringField("id", event.id());
      g.writeStringField("orderId", event.orderId());
      if (event.cip().isPresent()) {
        g.writeStringField("cip", event.cip().get());
      }
      if (event.paid().isPresent()) {
        g.writeStringField("amount", event.paid().get().toPlainString());
        g.writeStringField("currency", event.paid().get().currency().name());
      }
      if (event.type() == ShopEvent.Type.PAYMENT_HELD) {
        g.writeArrayFieldStart("reasons");
        for (var reason : event.reasons()) {
          g.writeString(reason.name());
        }
        g.writeEndArray();
      }
      g.writeStringField("at", event.at().toString());
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException("writing a shop event to memory", e);
    }
    return out.toString();
  }
}
