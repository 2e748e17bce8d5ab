package io.pagorecon.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RewriteTest {

  @Test
  void cipColumn_shouldMapPlannedCipsToIssuedOnes_andKeepEverythingElse() {
    String csv = "order_id,cip,amount\nORD-1,1000001,10.00\nORD-2,,5.00\nORD-3,1000009,1.00\n";

    byte[] out = Demo.Rewrite.cipColumn(csv.getBytes(StandardCharsets.UTF_8), 1, Map.of(1000001L, 7L));

    assertThat(new String(out, StandardCharsets.UTF_8))
        .isEqualTo("order_id,cip,amount\nORD-1,7,10.00\nORD-2,,5.00\nORD-3,1000009,1.00\n");
  }
}
