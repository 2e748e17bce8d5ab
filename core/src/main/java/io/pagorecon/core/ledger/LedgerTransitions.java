package io.pagorecon.core.ledger;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * The one table of ledger status changes. Runs move entries to AUTO_RESOLVED (consistent again) or
 * back to OPEN (found again); people acknowledge and resolve. ACKNOWLEDGED → ACKNOWLEDGED is allowed
 * so an owner can be handed over or a note added.
 */
public final class LedgerTransitions {

  private static final Map<LedgerStatus, Set<LedgerStatus>> ALLOWED = new EnumMap<>(LedgerStatus.class);

  static {
    ALLOWED.put(LedgerStatus.OPEN, EnumSet.of(LedgerStatus.ACKNOWLEDGED, LedgerStatus.RESOLVED, LedgerStatus.AUTO_RESOLVED));
    ALLOWED.put(LedgerStatus.ACKNOWLEDGED,
        EnumSet.of(LedgerStatus.ACKNOWLEDGED, LedgerStatus.RESOLVED, LedgerStatus.AUTO_RESOLVED));
    ALLOWED.put(LedgerStatus.RESOLVED, EnumSet.of(LedgerStatus.OPEN));
    ALLOWED.put(LedgerStatus.AUTO_RESOLVED, EnumSet.of(LedgerStatus.OPEN));
  }

  private LedgerTransitions() {}

  public static boolean allowed(LedgerStatus from, LedgerStatus to) {
    return ALLOWED.get(from).contains(to);
  }
}
