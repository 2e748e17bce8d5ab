package io.pagorecon.pagoefectivo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pagorecon.core.gateway.CipIssuer;
import io.pagorecon.core.gateway.CipLookup;
import io.pagorecon.core.gateway.CipRequest;
import io.pagorecon.core.gateway.CipStatusGateway;
import io.pagorecon.core.gateway.GatewayCip;
import io.pagorecon.core.gateway.GatewayException;
import io.pagorecon.core.gateway.GatewayException.Kind;
import io.pagorecon.core.gateway.IssuedCip;
import io.pagorecon.core.journal.ApiCallJournal;
import io.pagorecon.core.money.Money;
import io.pagorecon.core.payment.PaymentState;
import io.pagorecon.core.time.Timestamps;
import io.pagorecon.pagoefectivo.internal.CipRequestValidator;
import io.pagorecon.pagoefectivo.internal.Lenient;
import io.pagorecon.pagoefectivo.internal.StatusMapping;
import io.pagorecon.pagoefectivo.internal.Transport;
import io.pagorecon.pagoefectivo.internal.Transport.Safety;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;

/**
 * PagoEfectivo's API CIP v1 over {@code java.net.http}: one instance per execution environment
 * (the token is cached inside). Implements the core ports; failures are {@link GatewayException}s.
 *
 * <p><b>A lost create answer</b> (timeout, dropped connection or 5xx after the request was sent)
 * is never retried: a second {@code POST /cips} could issue a second payable CIP for the same
 * order. It surfaces as {@link Kind#OUTCOME_UNKNOWN}; the order and its transactionCode were
 * persisted before the call, so the CIP, if it exists, is found when its webhook arrives (matched
 * on transactionCode, never rejected) or by the sync job.
 */
public final class PagoEfectivoClient implements CipStatusGateway, CipIssuer, AutoCloseable {

  /** PagoEfectivo's documented maximum per {@code cips/search} call. */
  public static final int SEARCH_BATCH = 5;

  private final Clock clock;
  private final Transport transport;
  private final StatusMapping statuses;
  private final ExecutorService searchPool;

  public PagoEfectivoClient(PagoEfectivoConfig config, Clock clock) {
    this(config, clock, Sleeper.REAL, () -> ThreadLocalRandom.current().nextDouble());
  }

  /** Every call (retries included) told to {@code journal}, bodies masked. */
  public PagoEfectivoClient(PagoEfectivoConfig config, Clock clock, ApiCallJournal journal) {
    this(config, clock, Sleeper.REAL, () -> ThreadLocalRandom.current().nextDouble(), journal);
  }

  /** For tests: a recording sleeper and a fixed jitter draw. */
  public PagoEfectivoClient(PagoEfectivoConfig config, Clock clock, Sleeper sleeper, DoubleSupplier jitter) {
    this(config, clock, sleeper, jitter, ApiCallJournal.NONE);
  }

  public PagoEfectivoClient(PagoEfectivoConfig config, Clock clock, Sleeper sleeper, DoubleSupplier jitter, ApiCallJournal journal) {
    this.clock = clock;
    this.transport = new Transport(config, clock, sleeper, jitter, java.util.Objects.requireNonNull(journal, "journal"));
    this.statuses = new StatusMapping(config.reversalStatusCode(), config.reversalStatusName());
    this.searchPool = Executors.newFixedThreadPool(config.maxConcurrency(), r -> {
      Thread t = new Thread(r, "pagoefectivo-search");
      t.setDaemon(true);
      return t;
    });
  }

  // ---- CipIssuer ----

  @Override
  public IssuedCip create(CipRequest request) {
    CipRequestValidator.validate(request, clock.instant());
    JsonNode answer = transport.call("POST", "cips", createBody(request), Safety.CREATE);
    JsonNode data = answer.path("data");
    String cip = Lenient.cip(data.get("cip")).orElseThrow(() -> malformedCreate("no cip"));
    Money amount = Lenient.money(data.get("amount"), data.get("currency")).orElse(request.amount());
    OffsetDateTime expiry = Lenient.date(data.get("dateExpiry")).orElse(request.dateExpiry().orElse(null));
    String transactionCode = Lenient.text(data.get("transactionCode")).orElse(request.transactionCode());
    return new IssuedCip(cip, amount, transactionCode, expiry, Lenient.text(data.get("cipUrl")).orElse(""));
  }

  private static GatewayException malformedCreate(String what) {
    // Created (2xx) but unreadable: the CIP exists and we do not know its number.
    return new GatewayException(Kind.OUTCOME_UNKNOWN, "100", 201, List.of(), "create answer unreadable: " + what, null);
  }

  /** Strict writing: camelCase, amount at scale 2, Lima {@code -05:00} offset, optional fields only when set. */
  static ObjectNode createBody(CipRequest r) {
    ObjectNode b = Transport.JSON.createObjectNode();
    b.put("currency", r.amount().currency().name());
    b.put("amount", r.amount().amount());
    b.put("transactionCode", r.transactionCode());
    r.dateExpiry().ifPresent(d -> b.put("dateExpiry", Timestamps.formatLima(d.toInstant())));
    b.put("userEmail", r.userEmail());
    r.paymentConcept().ifPresent(v -> b.put("paymentConcept", v));
    r.additionalData().ifPresent(v -> b.put("additionalData", v));
    r.adminEmail().ifPresent(v -> b.put("adminEmail", v));
    r.userId().ifPresent(v -> b.put("userId", v));
    r.userName().ifPresent(v -> b.put("userName", v));
    r.userLastName().ifPresent(v -> b.put("userLastName", v));
    r.userDocumentType().ifPresent(v -> b.put("userDocumentType", v));
    r.userDocumentNumber().ifPresent(v -> b.put("userDocumentNumber", v));
    r.userPhone().ifPresent(v -> b.put("userPhone", v));
    r.userCodeCountry().ifPresent(v -> b.put("userCodeCountry", v));
    r.userUbigeo().ifPresent(v -> b.put("userUbigeo", v));
    r.userCountry().ifPresent(v -> b.put("userCountry", v));
    return b;
  }

  @Override
  public void changeExpiry(String cip, OffsetDateTime newExpiry) {
    requireCip(cip);
    if (!newExpiry.toInstant().isAfter(clock.instant())) {
      throw new GatewayException(Kind.VALIDATION, "111", 0,
          List.of(new GatewayException.FieldError("dateExpiry", "113", "Valor inválido.")), "new expiry is not in the future", null);
    }
    ObjectNode body = Transport.JSON.createObjectNode().put("dateExpiry", Timestamps.formatLima(newExpiry.toInstant()));
    transport.call("PATCH", "cips/" + cip, body, Safety.REPEATABLE);
  }

  @Override
  public void delete(String cip) {
    requireCip(cip);
    transport.call("DELETE", "cips/" + cip, null, Safety.REPEATABLE);
  }

  private static void requireCip(String cip) {
    if (!Lenient.isCip(cip)) {
      throw new GatewayException(Kind.VALIDATION, "111", 0,
          List.of(new GatewayException.FieldError("cip", "113", "Valor inválido.")), "a CIP is 1-14 digits", null);
    }
  }

  // ---- CipStatusGateway ----

  @Override
  public Map<String, CipLookup> search(List<String> cips) {
    Map<String, CipLookup> result = new LinkedHashMap<>();
    List<String> valid = new ArrayList<>();
    for (String cip : new LinkedHashSet<>(cips)) {
      result.put(cip, null);
      if (Lenient.isCip(cip)) {
        valid.add(cip);
      } else {
        result.put(cip, new CipLookup.Failed(cip, "not a PagoEfectivo CIP number"));
      }
    }
    List<Future<Map<String, CipLookup>>> futures = new ArrayList<>();
    for (int i = 0; i < valid.size(); i += SEARCH_BATCH) {
      List<String> batch = valid.subList(i, Math.min(valid.size(), i + SEARCH_BATCH));
      futures.add(searchPool.submit(() -> searchBatch(batch)));
    }
    for (Future<Map<String, CipLookup>> f : futures) {
      try {
        result.putAll(f.get());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new GatewayException(Kind.UNAVAILABLE, null, 0, List.of(), "interrupted during search", e);
      } catch (ExecutionException e) {
        if (e.getCause() instanceof RuntimeException) {
          throw (RuntimeException) e.getCause();
        }
        throw new IllegalStateException(e.getCause());
      }
    }
    return result;
  }

  private Map<String, CipLookup> searchBatch(List<String> batch) {
    Map<String, CipLookup> out = new HashMap<>();
    ObjectNode body = Transport.JSON.createObjectNode();
    ArrayNode data = body.putArray("data");
    batch.forEach(c -> data.addObject().put("cip", Long.parseLong(c)));
    JsonNode answer;
    try {
      answer = transport.call("POST", "cips/search", body, Safety.REPEATABLE);
    } catch (GatewayException e) {
      if (e.kind() == Kind.UNAUTHORIZED) {
        throw e; // wrong credentials fail the whole sweep: no item can succeed
      }
      batch.forEach(c -> out.put(c, new CipLookup.Failed(c, e.kind() + ": " + e.getMessage())));
      return out;
    }
    JsonNode items = answer.path("data");
    List<JsonNode> list = new ArrayList<>();
    if (items.isArray()) {
      items.forEach(list::add);
    } else if (items.isObject()) {
      list.add(items);
    }
    for (JsonNode item : list) {
      Optional<String> cip = Lenient.cip(item.get("cip"));
      if (cip.isPresent() && batch.contains(cip.get())) {
        out.put(cip.get(), toLookup(cip.get(), item));
      }
    }
    // A CIP missing from the answer is one PagoEfectivo does not know [assumed, api §6].
    batch.forEach(c -> out.putIfAbsent(c, new CipLookup.NotFound(c)));
    return out;
  }

  private CipLookup toLookup(String cip, JsonNode item) {
    int status = Lenient.code(item.get("status")).orElse(-1);
    String statusName = Lenient.text(item.get("statusName")).orElse("");
    PaymentState state = statuses.map(status, statusName, cip);
    return new CipLookup.Found(new GatewayCip(cip, state, status, statusName,
        Lenient.money(item.get("amount"), item.get("currency")),
        Lenient.text(item.get("transactionCode")),
        Lenient.date(item.get("dateCreation")),
        Lenient.date(item.get("dateExpiry")),
        Lenient.date(item.get("datePayment")),
        Lenient.date(item.get("dateRemoval"))));
  }

  @Override
  public void close() {
    searchPool.shutdownNow();
  }
}
