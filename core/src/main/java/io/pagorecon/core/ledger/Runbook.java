package io.pagorecon.core.ledger;

import io.pagorecon.core.reconcile.Category;
import java.util.Locale;

/** Where docs/runbook.md says what to do about a category: alerts and {@code ledger show} point there. */
public final class Runbook {

  public static final String FILE = "docs/runbook.md";

  private Runbook() {}

  /** {@code docs/runbook.md#paid_not_recorded}: the section's anchor is the category in lower case. */
  public static String section(FindingCategory category) {
    if (!(category instanceof Category)) {
      // settlement categories share one section until each has its own procedure
      return FILE + "#settlement-categories";
    }
    return FILE + "#" + category.name().toLowerCase(Locale.ROOT);
  }
}
