package io.pagorecon.simulator.internal;

import io.pagorecon.simulator.CipView;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.UUID;

/**
 * The CIPs and their state machine (docs/pagoefectivo.md, "API: CIP states", simulator item 7): 22 → 23 | 21 | 25, 21 →
 * 22 by a later expiry, 23 → the configured reversal status. Expiry is lazy against the clock.
 */
public final class CipBook {

  public static final int EXPIRED = 21;
  public static final int GENERATED = 22;
  public static final int PAID = 23;
  public static final int DELETED = 25;

  /** Why a state change was refused. */
  public enum Refusal {
    UNKNOWN_CIP,
    WRONG_STATE
  }

  /** A transition's result: the CIP after it, or why not. */
  public record Change(Optional<CipView> cip, Optional<Refusal> refusal) {
    static Change ok(CipView v) {
      return new Change(Optional.of(v), Optional.empty());
    }

    static Change refused(Refusal r) {
      return new Change(Optional.empty(), Optional.of(r));
    }

    public boolean accepted() {
      return cip.isPresent();
    }
  }

  private final Map<Long, SimCip> cips = new LinkedHashMap<>();
  private final Set<String> transactionCodes = new HashSet<>();
  private final Map<String, Long> cipByVoucher = new HashMap<>();
  private final Clock clock;
  private final Random random;
  private final String voucherBase;
  private final int reversalStatus;
  private final String reversalName;
  private long nextCip;

  public CipBook(Clock clock, long seed, long firstCip, String voucherBase, int reversalStatus, String reversalName) {
    this.clock = clock;
    this.random = new Random(seed);
    this.nextCip = firstCip;
    this.voucherBase = voucherBase.endsWith("/") ? voucherBase.substring(0, voucherBase.length() - 1) : voucherBase;
    this.reversalStatus = reversalStatus;
    this.reversalName = reversalName;
  }

  public String statusName(int status) {
    switch (status) {
      case EXPIRED: return "Expirado";
      case GENERATED: return "Generado";
      case PAID: return "Cancelado";
      case DELETED: return "Eliminado";
      default: return status == reversalStatus ? reversalName : "Desconocido";
    }
  }

  public synchronized boolean knowsTransactionCode(String code) {
    return transactionCodes.contains(code);
  }

  public synchronized CipView create(String transactionCode, String currency, BigDecimal amount, OffsetDateTime expiry) {
    long cip = nextCip++;
    String guid = new UUID(random.nextLong(), random.nextLong()).toString().toUpperCase(java.util.Locale.ROOT);
    SimCip c = new SimCip(cip, transactionCode, currency, amount, Wire.limaNow(clock), expiry,
        voucherBase + "/" + guid + ".html");
    cips.put(cip, c);
    transactionCodes.add(transactionCode);
    cipByVoucher.put(guid, cip);
    return c.view(statusName(c.status));
  }

  public synchronized Optional<CipView> find(long cip) {
    SimCip c = cips.get(cip);
    if (c == null) {
      return Optional.empty();
    }
    expireIfDue(c);
    return Optional.of(c.view(statusName(c.status)));
  }

  /** The CIP whose voucher page is {@code <GUID>.html}. */
  public synchronized Optional<CipView> findByVoucher(String guid) {
    Long cip = cipByVoucher.get(guid.toUpperCase(java.util.Locale.ROOT));
    return cip == null ? Optional.empty() : find(cip);
  }

  public synchronized List<CipView> all() {
    List<CipView> out = new ArrayList<>();
    for (SimCip c : cips.values()) {
      expireIfDue(c);
      out.add(c.view(statusName(c.status)));
    }
    return out;
  }

  /** 22 → 23. */
  public synchronized Change pay(long cip, String operationNumber, OffsetDateTime paymentDate) {
    return transition(cip, GENERATED, c -> {
      c.status = PAID;
      c.operationNumber = operationNumber;
      c.datePayment = paymentDate;
    });
  }

  /** 22 → 21 now, whatever the expiry date; {@code dateExpiry} stays the one the CIP was given. */
  public synchronized Change expire(long cip) {
    return transition(cip, GENERATED, c -> c.status = EXPIRED);
  }

  /** 23 → reversal. */
  public synchronized Change reverse(long cip) {
    return transition(cip, PAID, c -> {
      c.status = reversalStatus;
      c.dateRemoval = Wire.limaNow(clock);
    });
  }

  /** 22 → 25 (logical delete). */
  public synchronized Change delete(long cip) {
    return transition(cip, GENERATED, c -> {
      c.status = DELETED;
      c.dateRemoval = Wire.limaNow(clock);
    });
  }

  /** New expiry for an unpaid CIP; an expired one becomes payable again (21 → 22). */
  public synchronized Change changeExpiry(long cip, OffsetDateTime expiry) {
    SimCip c = cips.get(cip);
    if (c == null) {
      return Change.refused(Refusal.UNKNOWN_CIP);
    }
    expireIfDue(c);
    if (c.status != GENERATED && c.status != EXPIRED) {
      return Change.refused(Refusal.WRONG_STATE);
    }
    c.dateExpiry = expiry;
    c.status = GENERATED;
    expireIfDue(c);
    return Change.ok(c.view(statusName(c.status)));
  }

  private Change transition(long cip, int from, java.util.function.Consumer<SimCip> apply) {
    SimCip c = cips.get(cip);
    if (c == null) {
      return Change.refused(Refusal.UNKNOWN_CIP);
    }
    expireIfDue(c);
    if (c.status != from) {
      return Change.refused(Refusal.WRONG_STATE);
    }
    apply.accept(c);
    return Change.ok(c.view(statusName(c.status)));
  }

  private void expireIfDue(SimCip c) {
    if (c.status == GENERATED && !clock.instant().isBefore(c.dateExpiry.toInstant())) {
      c.status = EXPIRED;
    }
  }
}
