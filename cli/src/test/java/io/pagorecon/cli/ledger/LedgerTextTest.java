package io.pagorecon.cli.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import io.pagorecon.core.ledger.LedgerChange;
import io.pagorecon.core.ledger.LedgerEntry;
import io.pagorecon.core.ledger.LedgerStatus;
import io.pagorecon.core.money.Currency;
import io.pagorecon.core.money.Money;
import io.pagorecon.core.reconcile.Category;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LedgerTextTest {

  private static LedgerEntry entry(String orderId, String amount, List<LedgerChange> history) {
    Optional<Money> m = Optional.of(Money.of(amount, Currency.PEN));
    return new LedgerEntry(Category.PAID_NOT_RECORDED.name() + "|" + orderId + "|11546901", Category.PAID_NOT_RECORDED, orderId, "11546901", "",
        m, m, Optional.of(Currency.PEN), Optional.of(LocalDate.of(2024, 1, 15)), LedgerStatus.OPEN, Optional.empty(), List.of(), history,
        LocalDate.of(2024, 1, 15), LocalDate.of(2024, 1, 15), 1, false);
  }

  @Test
  void table_shouldKeepColumnsAligned_whenAnIdIsLongerThanTheHeader() {
    StringWriter out = new StringWriter();
    String longOrder = "SHOPIFY-ORDER-#1001-" + "X".repeat(60);

    LedgerText.table(new PrintWriter(out, true), List.of(entry("A-1", "22.05", List.of()), entry(longOrder, "1160.35", List.of())));

    List<String> lines = out.toString().lines().toList();
    int status = lines.get(0).indexOf("STATUS");
    assertThat(lines).hasSize(3).allSatisfy(l -> assertThat(l.indexOf(l.contains("OPEN") ? "OPEN" : "STATUS")).isEqualTo(status));
    // amounts right-aligned: their ends line up with the header's
    int amountEnd = lines.get(0).indexOf("AMOUNT") + "AMOUNT".length();
    assertThat(lines.get(1).indexOf("22.05 PEN") + "22.05 PEN".length()).isEqualTo(lines.get(2).indexOf("1160.35 PEN") + "1160.35 PEN".length());
    assertThat(lines.get(1).indexOf("22.05 PEN") + "22.05 PEN".length()).isGreaterThanOrEqualTo(amountEnd);
  }

  @Test
  void history_shouldShowEveryTimeToTheSecond_whateverItsStoredPrecision() {
    StringWriter out = new StringWriter();
    List<LedgerChange> history = List.of(
        new LedgerChange(Instant.parse("2024-01-16T06:00:00Z"), "reconcile", "opened", Optional.empty(), LedgerStatus.OPEN, ""),
        new LedgerChange(Instant.parse("2024-01-16T07:12:33.123456789Z"), "li.wei", "ack", Optional.of(LedgerStatus.OPEN), LedgerStatus.ACKNOWLEDGED, ""));

    LedgerText.detail(new PrintWriter(out, true), entry("A-1", "22.05", history));

    assertThat(out.toString()).contains("  2024-01-16T06:00:00Z  reconcile").contains("  2024-01-16T07:12:33Z  li.wei").doesNotContain(".123");
    assertThat(LedgerText.json(entry("A-1", "22.05", history)).path("history").get(1).path("at").asText()).isEqualTo("2024-01-16T07:12:33.123Z");
  }
}
