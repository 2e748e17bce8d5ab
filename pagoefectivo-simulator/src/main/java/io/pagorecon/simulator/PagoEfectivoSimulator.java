package io.pagorecon.simulator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import io.pagorecon.simulator.internal.ApiRoutes;
import io.pagorecon.simulator.internal.CipBook;
import io.pagorecon.simulator.internal.ControlRoutes;
import io.pagorecon.simulator.internal.FaultScript;
import io.pagorecon.simulator.internal.Tokens;
import io.pagorecon.simulator.internal.VoucherPage;
import io.pagorecon.simulator.internal.WebhookSender;
import io.pagorecon.simulator.internal.Wire;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A local PagoEfectivo: the {@code /v1} API over HTTP on 127.0.0.1, signed webhooks to a
 * configured URL, and control operations (as Java methods here, and over HTTP under {@code
 * /_sim/}) for tests and the demo. Start with {@link #start(SimulatorConfig)}; close when done.
 */
public final class PagoEfectivoSimulator implements AutoCloseable {

  /** Where the control surface lives: never under {@code /v1/}. */
  public static final String CONTROL_PREFIX = "/_sim/";

  private record Event(String eventType, String cip, byte[] body) {}

  private record Held(Instant due, Event event, DeliveryPlan plan) {}

  private final SimulatorConfig config;
  private final SimClock clock;
  private final HttpServer server;
  private final ExecutorService executor;
  private final CipBook book;
  private final Tokens tokens;
  private final FaultScript faults = new FaultScript();
  private final ApiRoutes api;
  private final WebhookSender sender;
  private final AtomicLong operationNumbers = new AtomicLong(1000);
  private final Map<String, Event> lastEventByCip = new HashMap<>();
  private final Deque<DeliveryPlan> plannedDeliveries = new ArrayDeque<>();
  private final List<Held> held = new ArrayList<>();
  private Event lastEvent;
  private volatile SimulatorConfig.WebhookAmounts webhookAmounts;

  private PagoEfectivoSimulator(SimulatorConfig config) throws IOException {
    this.config = config;
    this.clock = config.clock() instanceof SimClock ? (SimClock) config.clock() : SimClock.running(config.clock());
    this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), config.port()), 0);
    String ownVoucherBase = "http://127.0.0.1:" + server.getAddress().getPort() + VoucherPage.PREFIX;
    this.book = new CipBook(clock, config.seed(), config.firstCip(), config.voucherBase().orElse(ownVoucherBase),
        config.reversalStatus(), config.reversalStatusName());
    this.tokens = new Tokens(config.seed(), config.secretKey());
    this.api = new ApiRoutes(config, clock, book, tokens, faults);
    this.sender = new WebhookSender(config, clock);
    this.webhookAmounts = config.webhookAmounts();
    this.executor = Executors.newFixedThreadPool(16, r -> {
      Thread t = new Thread(r, "pagoefectivo-simulator");
      t.setDaemon(true);
      return t;
    });
    server.createContext("/v1/", api);
    server.createContext(CONTROL_PREFIX, new ControlRoutes(this));
    server.createContext(VoucherPage.PREFIX, new VoucherPage(book));
    server.setExecutor(executor);
  }

  /** Starts on 127.0.0.1 (port 0 picks a free one). */
  public static PagoEfectivoSimulator start(SimulatorConfig config) {
    // The JDK server writes headers and body separately; without TCP_NODELAY each small answer
    // waits for the peer's delayed ACK (~40 ms). Read once, before the first server starts.
    System.setProperty("sun.net.httpserver.nodelay", "true");
    try {
      PagoEfectivoSimulator sim = new PagoEfectivoSimulator(config);
      sim.server.start();
      return sim;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot bind 127.0.0.1:" + config.port(), e);
    }
  }

  public int port() {
    return server.getAddress().getPort();
  }

  /** The API base, as the real hosts are written: {@code http://127.0.0.1:PORT/v1/}. */
  public String baseUrl() {
    return "http://127.0.0.1:" + port() + "/v1/";
  }

  public String controlUrl() {
    return "http://127.0.0.1:" + port() + CONTROL_PREFIX;
  }

  public SimulatorConfig config() {
    return config;
  }

  public SimClock clock() {
    return clock;
  }

  // ---- scenario setup ----

  /** Creates a CIP directly (as if through the API), for scenario setup. */
  public CipView createCip(String transactionCode, String currency, BigDecimal amount, OffsetDateTime expiry) {
    return book.create(transactionCode, currency, amount.setScale(2), Wire.toLima(expiry).withNano(0));
  }

  public Optional<CipView> cip(long cip) {
    return book.find(cip);
  }

  public List<CipView> cips() {
    return book.all();
  }

  // ---- control operations (§12 items 11–21) ----

  /** 22 → 23 now, with a generated operation number, then delivers {@code cip.paid}. */
  public List<WebhookDelivery> pay(long cip) {
    return pay(cip, nextOperationNumber(), Wire.limaNow(clock), nextPlan());
  }

  /** The next collector operation number, as {@link #pay(long)} would use. */
  public String nextOperationNumber() {
    return Long.toString(operationNumbers.incrementAndGet());
  }

  public List<WebhookDelivery> pay(long cip, String operationNumber, OffsetDateTime paymentDate) {
    return pay(cip, operationNumber, paymentDate, nextPlan());
  }

  public List<WebhookDelivery> pay(long cip, String operationNumber, OffsetDateTime paymentDate, DeliveryPlan plan) {
    CipView v = require(book.pay(cip, operationNumber, Wire.toLima(paymentDate).withNano(0)), cip, "pay");
    return emit(new Event("cip.paid", Long.toString(cip), body("cip.paid", v)), plan);
  }

  /** 22 → 21 now; sends {@code cip.expired} only when configured. */
  public List<WebhookDelivery> expire(long cip) {
    CipView v = require(book.expire(cip), cip, "expire");
    return config.sendExpiredEvent() ? emit(new Event("cip.expired", Long.toString(cip), body("cip.expired", v)), nextPlan()) : List.of();
  }

  /** 23 → the configured reversal status (extorno); sends {@code cip.refunded} only when configured. */
  public List<WebhookDelivery> refund(long cip) {
    CipView v = require(book.reverse(cip), cip, "refund");
    return config.sendRefundedEvent() ? emit(new Event("cip.refunded", Long.toString(cip), body("cip.refunded", v)), nextPlan()) : List.of();
  }

  /** Same effect as the API DELETE: 22 → 25. */
  public CipView delete(long cip) {
    return require(book.delete(cip), cip, "delete");
  }

  /** Sends the last event of this CIP again, same bytes, following the one-retry rule. */
  public List<WebhookDelivery> redeliver(long cip, DeliveryPlan plan) {
    Event e;
    synchronized (this) {
      e = lastEventByCip.get(Long.toString(cip));
    }
    if (e == null) {
      throw new IllegalStateException("no event was sent for CIP " + cip);
    }
    return emit(e, plan);
  }

  public List<WebhookDelivery> redeliverLast(DeliveryPlan plan) {
    Event e;
    synchronized (this) {
      e = lastEvent;
    }
    if (e == null) {
      throw new IllegalStateException("no event was sent yet");
    }
    return emit(e, plan);
  }

  /**
   * Sends an arbitrary notification body for a CIP, whatever its state: a forged, replayed or
   * sandbox event. Signed per the plan like any other.
   */
  public List<WebhookDelivery> sendRaw(String eventType, long cip, byte[] body, DeliveryPlan plan) {
    return emit(new Event(eventType, Long.toString(cip), body.clone()), plan);
  }

  /** The next {@code count} events (pay, expire, refund) are delivered with this plan. */
  public synchronized void planNextDeliveries(int count, DeliveryPlan plan) {
    for (int i = 0; i < count; i++) {
      plannedDeliveries.add(plan);
    }
  }

  /** The next {@code count} {@code /v1} calls whose path starts with the prefix fail so. */
  public void injectFault(ApiFault fault, int count, String pathPrefix) {
    faults.add(fault, count, pathPrefix);
  }

  /** {@code code} written as a string, and the 111 {@code data} as one object, from now on. */
  public void shapeVariants(boolean codeAsString, boolean errorDataAsObject) {
    api.shapeVariants(codeAsString, errorDataAsObject);
  }

  /** How webhook bodies write {@code data.amount} from now on. */
  public void webhookAmounts(SimulatorConfig.WebhookAmounts style) {
    webhookAmounts = java.util.Objects.requireNonNull(style, "style");
  }

  public void clearFaults() {
    faults.clear();
  }

  /** Every issued token becomes unknown: the next call gets 401. */
  public void revokeTokens() {
    tokens.revokeAll();
  }

  /** Moves the clock and delivers the held webhooks that fall due. */
  public List<WebhookDelivery> advanceClock(Duration by) {
    clock.advance(by);
    return deliverDue();
  }

  public List<WebhookDelivery> setClock(Instant to) {
    clock.set(to);
    return deliverDue();
  }

  /** Sends every delayed webhook whose time has come on the simulated clock. */
  public List<WebhookDelivery> deliverDue() {
    List<Held> due = new ArrayList<>();
    synchronized (this) {
      Instant now = clock.instant();
      held.removeIf(h -> {
        if (!h.due.isAfter(now)) {
          due.add(h);
          return true;
        }
        return false;
      });
    }
    List<WebhookDelivery> out = new ArrayList<>();
    for (Held h : due) {
      out.addAll(sender.send(h.event.eventType, h.event.cip, h.event.body, h.plan.delayedBy(Duration.ZERO)));
    }
    return out;
  }

  /** Events held by a delay and not yet sent. */
  public synchronized int heldDeliveries() {
    return held.size();
  }

  public List<WebhookDelivery> webhooks() {
    return sender.log();
  }

  public List<ApiCall> apiCalls() {
    return api.calls();
  }

  /** Calls received on a path ({@code /v1/authorizations}, {@code /v1/cips/search}, ...). */
  public long callCount(String path) {
    return api.calls().stream().filter(c -> c.path().equals(path)).count();
  }

  public int maxConcurrentRequests() {
    return api.maxConcurrentRequests();
  }

  public void resetApiLog() {
    api.resetLog();
  }

  public boolean isRunning() {
    return !executor.isShutdown();
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }

  // ---- machinery ----

  private synchronized DeliveryPlan nextPlan() {
    DeliveryPlan p = plannedDeliveries.poll();
    return p == null ? DeliveryPlan.normal() : p;
  }

  private static CipView require(CipBook.Change change, long cip, String op) {
    if (!change.accepted()) {
      throw new IllegalStateException(op + " refused for CIP " + cip + ": " + change.refusal().orElseThrow());
    }
    return change.cip().get();
  }

  private List<WebhookDelivery> emit(Event e, DeliveryPlan plan) {
    synchronized (this) {
      lastEventByCip.put(e.cip, e);
      lastEvent = e;
      if (!plan.delay().isZero()) {
        held.add(new Held(clock.instant().plus(plan.delay()), e, plan));
        return List.of();
      }
    }
    return sender.send(e.eventType, e.cip, e.body, plan);
  }

  /** Compact JSON exactly as §7/§11: cip as a string, amount as a number, fixed field order. */
  private byte[] body(String eventType, CipView v) {
    ObjectNode root = Wire.object();
    root.put("eventType", eventType);
    root.put("operationNumber", v.operationNumber().orElse(""));
    ObjectNode data = root.putObject("data");
    data.put("cip", Long.toString(v.cip()));
    data.put("currency", v.currency());
    data.put("amount", webhookAmounts == SimulatorConfig.WebhookAmounts.TWO_DECIMALS
        ? v.amount().setScale(2) : Wire.wireAmount(v.amount()));
    v.datePayment().ifPresent(d -> data.put("paymentDate", Wire.format(d)));
    data.put("transactionCode", v.transactionCode());
    try {
      return Wire.JSON.writeValueAsBytes(root);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
