package io.pagorecon.core.statement;

import io.pagorecon.core.gateway.CipLookup;
import io.pagorecon.core.gateway.CipStatusGateway;
import io.pagorecon.core.gateway.GatewayException;
import io.pagorecon.core.money.Money;
import io.pagorecon.core.payment.PaymentState;
import io.pagorecon.core.payment.StorageException;
import io.pagorecon.core.sync.CipRegistry;
import io.pagorecon.core.time.BusinessCalendar;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Builds the gateway statement of one business day: every CIP active that day plus every CIP still
 * open, as PagoEfectivo reports them through {@code cips/search}, merged with any settlement file
 * rows of that day. All or nothing: when any CIP cannot be looked up, nothing is written and
 * operators are alerted. A re-run replaces the day.
 */
public final class StatementBuilder {

  public static final String API_SOURCE = "pagoefectivo:cips/search";

  private final CipRegistry registry;
  private final CipStatusGateway gateway;
  private final StatementStore store;
  private final StatementAlerts alerts;
  private final SettlementInbox inbox;
  private final SettlementReader settlementReader;
  private final BusinessCalendar calendar;
  private final String stage;

  public StatementBuilder(CipRegistry registry, CipStatusGateway gateway, StatementStore store, StatementAlerts alerts,
      SettlementInbox inbox, SettlementMapping mapping, BusinessCalendar calendar, String stage) {
    this.registry = Objects.requireNonNull(registry, "registry");
    this.gateway = Objects.requireNonNull(gateway, "gateway");
    this.store = Objects.requireNonNull(store, "store");
    this.alerts = Objects.requireNonNull(alerts, "alerts");
    this.inbox = Objects.requireNonNull(inbox, "inbox");
    this.settlementReader = new SettlementReader(Objects.requireNonNull(mapping, "mapping"));
    this.calendar = Objects.requireNonNull(calendar, "calendar");
    this.stage = Objects.requireNonNull(stage, "stage");
  }

  /** The business date a scheduled run at {@code now} builds: the previous one. */
  public LocalDate defaultDate(Instant now) {
    return calendar.businessDate(now).minusDays(1);
  }

  /**
   * Builds and publishes the statement of {@code businessDate} as of {@code now}.
   *
   * @throws StorageException when the statement could not be stored (after alerting)
   */
  public StatementResult build(LocalDate businessDate, Instant now) {
    return build(businessDate, now, cipsOf(businessDate));
  }

  /** {@link #build(LocalDate, Instant)} of the day's CIPs already listed ({@link #cipsOf}). */
  public StatementResult build(LocalDate businessDate, Instant now, List<String> cips) {
    Lookup lookup = lookUp(cips);
    if (lookup.refused().isPresent()) {
      return fail(businessDate, "PagoEfectivo refused the search (" + lookup.refused().get().kind() + ")", cips);
    }
    if (!lookup.failed().isEmpty()) {
      return fail(businessDate, lookup.failed().size() + " of " + cips.size() + " CIPs could not be looked up", lookup.failed());
    }
    return publish(businessDate, now, lookup.rows(), cips.size(), lookup.notFound());
  }

  /** The CIPs a statement of {@code businessDate} asks about: active that day or still open, in {@link StatementCsv#CIP_ORDER}. */
  public List<String> cipsOf(LocalDate businessDate) {
    TreeSet<String> cips = new TreeSet<>(StatementCsv.CIP_ORDER);
    cips.addAll(registry.activeOn(businessDate));
    cips.addAll(registry.openCips());
    return List.copyOf(cips);
  }

  /**
   * What PagoEfectivo says about {@code cips} (in their order): rows, CIPs it does not know, CIPs
   * it gave no usable answer for, or the refusal of the whole search.
   */
  public record Lookup(List<StatementRow> rows, List<String> notFound, List<String> failed, Optional<GatewayException> refused) {
    public Lookup {
      rows = List.copyOf(rows);
      notFound = List.copyOf(notFound);
      failed = List.copyOf(failed);
    }

    public boolean complete() {
      return failed.isEmpty() && refused.isEmpty();
    }
  }

  /** Looks {@code cips} up through {@code cips/search}; writes nothing and alerts no one. */
  public Lookup lookUp(List<String> cips) {
    Map<String, CipLookup> lookups;
    try {
      lookups = gateway.search(List.copyOf(cips));
    } catch (GatewayException e) {
      return new Lookup(List.of(), List.of(), List.copyOf(cips), Optional.of(e));
    }
    List<StatementRow> rows = new ArrayList<>();
    List<String> failed = new ArrayList<>();
    List<String> notFound = new ArrayList<>();
    for (String cip : cips) {
      CipLookup lookup = lookups.get(cip);
      if (lookup instanceof CipLookup.Found found && found.gatewayCip().state() != PaymentState.UNKNOWN) {
        rows.add(StatementRow.of(found.gatewayCip()));
      } else if (lookup instanceof CipLookup.NotFound) {
        notFound.add(cip);
      } else {
        failed.add(cip);
      }
    }
    return new Lookup(rows, notFound, failed, Optional.empty());
  }

  /**
   * Merges the settlement files of the day into the API rows, writes the CSV and then the manifest.
   * The same bytes for the same rows, {@code queried}, {@code notFound} (in CIP order) and {@code
   * now}, however the rows were gathered (at once, or slice by slice: {@link SlicedStatement}).
   *
   * @throws StorageException when the statement could not be stored (after alerting)
   */
  public StatementResult publish(LocalDate businessDate, Instant now, List<StatementRow> apiRows, int queried, List<String> notFound) {
    Merge merge = mergeSettlements(businessDate, apiRows);
    byte[] csv = StatementCsv.write(merge.rows()).getBytes(StandardCharsets.UTF_8);
    List<String> sources = Stream.concat(Stream.of(API_SOURCE), merge.files().stream().map(f -> "settlement:" + f)).toList();
    Manifest manifest = new Manifest(businessDate, stage, now, sources, sha256(csv), csv.length, merge.rows().size(),
        Manifest.countByStatus(merge.rows()), Manifest.totalsOf(merge.rows()), queried, notFound,
        merge.added(), merge.conflicts(), merge.errors());
    try {
      store.publish(businessDate, csv, manifest.toJson());
    } catch (StorageException e) {
      alerts.statementFailed(businessDate, "the statement could not be stored", List.of());
      throw e;
    }
    return new StatementResult.Published(businessDate, manifest);
  }

  /** Alerts operators that {@code date} has no statement, and says so. */
  public StatementResult fail(LocalDate date, String reason, List<String> failedCips) {
    alerts.statementFailed(date, reason, failedCips);
    return new StatementResult.Failed(date, reason, failedCips);
  }

  private record Merge(List<StatementRow> rows, int added, List<Manifest.Conflict> conflicts, List<String> errors, List<String> files) {}

  /** API rows win; settlement rows of the day (by their dates) are compared with them, or added
   * when the API did not list the CIP. */
  private Merge mergeSettlements(LocalDate date, List<StatementRow> apiRows) {
    Map<String, StatementRow> byCip = new LinkedHashMap<>();
    apiRows.forEach(r -> byCip.put(r.cip(), r));
    List<Manifest.Conflict> conflicts = new ArrayList<>();
    List<String> errors = new ArrayList<>();
    List<String> files = new ArrayList<>();
    int added = 0;
    for (SettlementInbox.SettlementFile file : inbox.files()) {
      SettlementReader.Parsed parsed = read(file);
      errors.addAll(parsed.errors());
      boolean used = false;
      for (StatementRow s : parsed.rows()) {
        if (!belongsTo(s, date)) {
          continue;
        }
        StatementRow api = byCip.get(s.cip());
        if (api != null) {
          used |= compare(api, s, file.name(), conflicts);
        } else {
          byCip.put(s.cip(), s);
          added++;
          used = true;
        }
      }
      if (used) {
        files.add(file.name());
      }
    }
    return new Merge(List.copyOf(byCip.values()), added, conflicts, errors, files);
  }

  private SettlementReader.Parsed read(SettlementInbox.SettlementFile file) {
    String lower = file.name().toLowerCase(Locale.ROOT);
    if (lower.endsWith(".csv")) {
      return settlementReader.readCsv(file.name(), file.content());
    }
    if (lower.endsWith(".xlsx")) {
      try {
        return settlementReader.normalise(file.name(), XlsxSheet.rows(file.content()), List.of());
      } catch (RuntimeException e) {
        return new SettlementReader.Parsed(file.name(), List.of(), List.of(file.name() + ": not a readable .xlsx workbook"));
      }
    }
    return new SettlementReader.Parsed(file.name(), List.of(), List.of(file.name() + ": not a .csv or .xlsx file"));
  }

  /** True when the settlement row speaks about the API row; records each disagreement. */
  private static boolean compare(StatementRow api, StatementRow s, String file, List<Manifest.Conflict> conflicts) {
    if (api.status() != s.status()) {
      conflicts.add(new Manifest.Conflict(api.cip(), "status", api.status().name(), s.status().name(), file));
    }
    if (s.amount().isPresent()) {
      Money theirs = s.amount().get();
      boolean same = api.amount().isPresent() && api.amount().get().currency() == theirs.currency()
          && api.amount().get().compareTo(theirs) == 0;
      if (!same) {
        conflicts.add(new Manifest.Conflict(api.cip(), "amount", api.amount().map(Money::toString).orElse(""), theirs.toString(), file));
      }
    }
    return true;
  }

  private boolean belongsTo(StatementRow r, LocalDate date) {
    return Stream.of(r.createdAt(), r.paidAt(), r.removedAt())
        .flatMap(Optional::stream)
        .map(OffsetDateTime::toInstant)
        .anyMatch(t -> calendar.businessDate(t).equals(date));
  }

  static String sha256(byte[] content) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is always available", e);
    }
  }
}
