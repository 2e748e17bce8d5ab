package io.pagorecon.core.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pagorecon.core.money.Currency;
import io.pagorecon.core.money.Money;
import io.pagorecon.core.reconcile.Category;
import io.pagorecon.core.reconcile.Discrepancy;
import io.pagorecon.fixtures.InMemoryLedger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CategoryOwnersTest {

  static final LocalDate D1 = LocalDate.of(2024, 1, 15);

  @Test
  void parse_shouldReadOwnersPerCategory_withADefault_andRefuseUnknownCategories() {
    CategoryOwners owners = CategoryOwners.parse(" paid_not_recorded = orders@shop ; AMOUNT_MISMATCH=finance;default=ops ");

    assertEquals(Optional.of("orders@shop"), owners.ownerOf(Category.PAID_NOT_RECORDED));
    assertEquals(Optional.of("finance"), owners.ownerOf(Category.AMOUNT_MISMATCH));
    assertEquals(Optional.of("ops"), owners.ownerOf(Category.LATE_WEBHOOK));
    assertEquals(Optional.empty(), CategoryOwners.parse("").ownerOf(Category.LATE_WEBHOOK));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CategoryOwners.parse("LOST_MONEY=ops"));
    assertTrue(e.getMessage().contains("LOST_MONEY"));
    assertThrows(IllegalArgumentException.class, () -> CategoryOwners.parse("finance"));
  }

  @Test
  void assigning_shouldRecordTheOwnerOnNewEntriesOnly_andKeepAnOwnerSetByHand() {
    InMemoryLedger store = new InMemoryLedger();
    Ledger ledger = CategoryOwners.parse("AMOUNT_MISMATCH=finance;default=ops").assigning(store);
    List<Discrepancy> found = List.of(finding(Category.AMOUNT_MISMATCH, "ORD-1", "111"), finding(Category.LATE_WEBHOOK, "ORD-2", "222"));

    new DiscrepancyLedger(ledger).apply(D1, found, Instant.parse("2024-01-16T07:00:00Z"));
    new DiscrepancyLedger(ledger).acknowledge("AMOUNT_MISMATCH|ORD-1|111", "li.wei", Optional.of("li.wei"), "on it",
        Instant.parse("2024-01-16T08:00:00Z"));
    new DiscrepancyLedger(ledger).apply(D1.plusDays(1), found, Instant.parse("2024-01-17T07:00:00Z"));

    assertEquals(Optional.of("li.wei"), store.find("AMOUNT_MISMATCH|ORD-1|111").orElseThrow().owner());
    assertEquals(Optional.of("ops"), store.find("LATE_WEBHOOK|ORD-2|222").orElseThrow().owner());
  }

  private static Discrepancy finding(Category c, String order, String cip) {
    Optional<Money> m = Optional.of(Money.of("10.00", Currency.PEN));
    return new Discrepancy(c, Optional.of(D1), order, cip, m, m, Optional.of(Currency.PEN), Optional.empty(), Optional.empty(), "",
        Optional.empty());
  }

  @Test
  void runbook_shouldHaveASectionForEveryCategory() throws Exception {
    Path root = Path.of("").toAbsolutePath();
    while (!Files.exists(root.resolve("docs/runbook.md"))) {
      root = root.getParent();
    }
    String runbook = Files.readString(root.resolve(Runbook.FILE));
    for (Category c : Category.values()) {
      String anchor = Runbook.section(c).substring(Runbook.FILE.length() + 1);
      assertTrue(runbook.contains("\n## " + anchor + "\n"), "docs/runbook.md has no section for " + c);
      String section = runbook.substring(runbook.indexOf("\n## " + anchor + "\n"));
      section = section.substring(0, Math.max(section.indexOf("\n## ", 4), 0) > 0 ? section.indexOf("\n## ", 4) : section.length());
      for (String part : List.of("**Who checks**", "**Look at**", "**PagoEfectivo**", "**Books**")) {
        assertTrue(section.contains(part), c + " lacks " + part);
      }
    }
  }
}
