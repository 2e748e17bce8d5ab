package io.pagorecon.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pagorecon.core.money.Currency;
import io.pagorecon.core.money.Money;
import io.pagorecon.core.order.ShopEvent;
import io.pagorecon.core.payment.StorageException;
import io.pagorecon.core.reconcile.Category;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequest;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResponse;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResultEntry;

class EventBridgeShopEventsTest {

  static final ShopEvent HELD = new ShopEvent(ShopEvent.Type.PAYMENT_HELD, "ORD-1", Optional.of("1000002"),
      List.of(Category.AMOUNT_MISMATCH), Optional.of(Money.of("150.00", Currency.PEN)), Instant.parse("2024-01-15T15:36:00Z"));

  @Test
  void entry_shouldCarryTheBusSourceDetailTypeAndASmallDetail() throws Exception {
    PutEventsRequestEntry e = new EventBridgeShopEvents(mock(EventBridgeClient.class), "shop-bus").entry(HELD);

    assertThat(e.eventBusName()).isEqualTo("shop-bus");
    assertThat(e.source()).isEqualTo("pagorecon");
    assertThat(e.detailType()).isEqualTo("payment.held");
    JsonNode d = new ObjectMapper().readTree(e.detail());
    assertThat(d.get("id").asText()).isEqualTo("payment.held|ORD-1|1000002|AMOUNT_MISMATCH");
    assertThat(d.get("orderId").asText()).isEqualTo("ORD-1");
    assertThat(d.get("amount").asText()).isEqualTo("150.00");
    assertThat(d.get("currency").asText()).isEqualTo("PEN");
    assertThat(d.get("reasons").get(0).asText()).isEqualTo("AMOUNT_MISMATCH");
    assertThat(d.get("at").asText()).isEqualTo("2024-01-15T15:36:00Z");
  }

  @Test
  @SuppressWarnings("unchecked")
  void publish_shouldFail_whenTheBusRejectsTheEntry() {
    EventBridgeClient client = mock(EventBridgeClient.class);
    when(client.putEvents(any(Consumer.class))).thenReturn(PutEventsResponse.builder().failedEntryCount(1)
        .entries(PutEventsResultEntry.builder().errorCode("InternalFailure").build()).build());

    assertThatThrownBy(() -> new EventBridgeShopEvents(client, "shop-bus").publish(HELD))
        .isInstanceOf(StorageException.class).hasMessageContaining("InternalFailure");
  }

  @Test
  void eventTypes_shouldHaveTheirDocumentedWireNames() {
    assertThat(List.of(ShopEvent.Type.values())).extracting(ShopEvent.Type::wireName)
        .containsExactly("payment.confirmed", "payment.held", "order.cancelled", "order.expired");
  }
}
