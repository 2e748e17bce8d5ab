package io.pagorecon.core.sync;

import io.pagorecon.core.payment.CipPayment;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Port: what the system knows about which CIPs exist and which need a look (the payments table in
 * production: the sparse {@code byNextCheck} index and the {@code DAY#} activity items, never a
 * scan).
 */
public interface CipRegistry {

  /** Open CIPs whose next check is at or before {@code now}, earliest first, at most {@code limit}. */
  List<CipPayment> dueForCheck(Instant now, int limit);

  /** Every CIP still open (it carries a next check), whenever that check is. */
  List<String> openCips();

  /** Every CIP created, paid or changed on the business date. */
  Set<String> activeOn(LocalDate businessDate);

  /**
   * Sets a CIP's next check (empty: stop checking it) provided the state item is still at {@code
   * seen.version()}; false when it changed meanwhile (whoever changed it set its own schedule).
   */
  boolean reschedule(CipPayment seen, Optional<Instant> nextCheckAt, int checkStep);

  /** The S3 keys of the evidence (notification bodies) kept for the CIP, oldest first. */
  List<String> evidenceKeys(String cip);
}
