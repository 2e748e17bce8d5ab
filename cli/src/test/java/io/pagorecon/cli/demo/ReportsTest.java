package io.pagorecon.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ReportsTest {

  private static final String HEADER = "\uFEFFbusiness_date,category,severity,order_id,cip,order_amount,gateway_amount\n";

  @Test
  void criticalByAmount_shouldListCriticalRowsWithACip_largestOrderOrGatewayAmountFirst() throws IOException {
    byte[] csv = (HEADER
        + "2024-01-15,RECORDED_NOT_PAID,critical,ORD-1,101,1890.31,\n"
        + "2024-01-15,AMOUNT_MISMATCH,high,ORD-2,102,5000.00,4999.00\n"
        + "2024-01-15,PAID_NOT_RECORDED,critical,ORD-3,103,10.00,2500.00\n"
        + "2024-01-15,WEBHOOK_NOT_CONFIRMED,critical,,,,9999.00\n"
        + "2024-01-15,WEBHOOK_NOT_CONFIRMED,critical,ORD-4,104,,120.50\n").getBytes(StandardCharsets.UTF_8);

    assertThat(Reports.criticalByAmount(csv)).containsExactly(
        new GroundTruth.Row("PAID_NOT_RECORDED", "ORD-3", "103"),
        new GroundTruth.Row("RECORDED_NOT_PAID", "ORD-1", "101"),
        new GroundTruth.Row("WEBHOOK_NOT_CONFIRMED", "ORD-4", "104"));
  }
}
