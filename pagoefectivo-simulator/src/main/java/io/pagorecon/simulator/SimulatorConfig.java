package io.pagorecon.simulator;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything the simulator can be told at start. Credentials are the merchant's (the simulator
 * recomputes {@code hashString} and signs webhooks with {@code secretKey}); never logged.
 */
public record SimulatorConfig(
    int port,
    String accessKey,
    String secretKey,
    String idService,
    String codeService,
    Optional<String> voucherBase,
    Optional<String> webhookUrl,
    Duration webhookTimeout,
    Duration webhookRetryDelay,
    Duration tokenTtl,
    Duration clockSkewTolerance,
    Duration defaultExpiry,
    BigDecimal maxAmount,
    boolean strictSearchLimit,
    boolean rejectDuplicateTransactionCode,
    long firstCip,
    int reversalStatus,
    String reversalStatusName,
    boolean sendExpiredEvent,
    boolean sendRefundedEvent,
    boolean codeAsString,
    boolean errorDataAsObject,
    WebhookAmounts webhookAmounts,
    AbsentDateStyle absentDateStyle,
    Duration slowResponseDelay,
    Duration timeoutHold,
    Clock clock,
    Sleeper sleeper,
    long seed) {

  /** How dates a CIP does not have yet are written in {@code cips/search}: unknown upstream. */
  public enum AbsentDateStyle {
    NULL,
    EMPTY_STRING,
    MISSING
  }

  /**
   * How {@code data.amount} is written in a webhook body. Two decimals ({@code 150.50}, {@code
   * 100.00}) by default: the N(18,2) form of the documentation, the one a receiver that
   * re-serialises the amount before verifying needs. Trailing zeros dropped ({@code 150.5},
   * {@code 100}) is the form of the API answers, also seen in notifications.
   */
  public enum WebhookAmounts {
    TWO_DECIMALS,
    TRAILING_ZEROS_DROPPED
  }

  /** Waits between webhook attempts; tests pass a recording no-op. */
  @FunctionalInterface
  public interface Sleeper {
    void sleep(Duration duration) throws InterruptedException;
  }

  public SimulatorConfig {
    Objects.requireNonNull(accessKey, "accessKey");
    Objects.requireNonNull(secretKey, "secretKey");
    Objects.requireNonNull(idService, "idService");
    Objects.requireNonNull(webhookUrl, "webhookUrl");
    Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(sleeper, "sleeper");
    Objects.requireNonNull(absentDateStyle, "absentDateStyle");
    Objects.requireNonNull(voucherBase, "voucherBase");
    Objects.requireNonNull(webhookAmounts, "webhookAmounts");
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port out of range: " + port);
    }
  }

  /** Defaults for a test: port 0, example credentials, no waiting between webhook attempts. */
  public static Builder builder() {
    return new Builder();
  }

  public Builder toBuilder() {
    Builder b = new Builder();
    b.port = port;
    b.accessKey = accessKey;
    b.secretKey = secretKey;
    b.idService = idService;
    b.codeService = codeService;
    b.voucherBase = voucherBase;
    b.webhookUrl = webhookUrl;
    b.webhookTimeout = webhookTimeout;
    b.webhookRetryDelay = webhookRetryDelay;
    b.tokenTtl = tokenTtl;
    b.clockSkewTolerance = clockSkewTolerance;
    b.defaultExpiry = defaultExpiry;
    b.maxAmount = maxAmount;
    b.strictSearchLimit = strictSearchLimit;
    b.rejectDuplicateTransactionCode = rejectDuplicateTransactionCode;
    b.firstCip = firstCip;
    b.reversalStatus = reversalStatus;
    b.reversalStatusName = reversalStatusName;
    b.sendExpiredEvent = sendExpiredEvent;
    b.sendRefundedEvent = sendRefundedEvent;
    b.codeAsString = codeAsString;
    b.errorDataAsObject = errorDataAsObject;
    b.webhookAmounts = webhookAmounts;
    b.absentDateStyle = absentDateStyle;
    b.slowResponseDelay = slowResponseDelay;
    b.timeoutHold = timeoutHold;
    b.clock = clock;
    b.sleeper = sleeper;
    b.seed = seed;
    return b;
  }

  /** Mutable builder; every field has a default fit for tests. */
  public static final class Builder {
    private int port = 0;
    private String accessKey = "ACCESSKEYEXAMPLE0001";
    private String secretKey = "SECRETKEYEXAMPLE";
    private String idService = "1035";
    private String codeService = "SIM";
    /** Empty: {@code cipUrl} points at the voucher page this simulator serves. */
    private Optional<String> voucherBase = Optional.empty();
    private Optional<String> webhookUrl = Optional.empty();
    private Duration webhookTimeout = Duration.ofSeconds(10);
    private Duration webhookRetryDelay = Duration.ZERO;
    private Duration tokenTtl = Duration.ofHours(2);
    private Duration clockSkewTolerance = Duration.ofMinutes(5);
    private Duration defaultExpiry = Duration.ofHours(48);
    private BigDecimal maxAmount = new BigDecimal("50000.00");
    private boolean strictSearchLimit = true;
    private boolean rejectDuplicateTransactionCode = false;
    private long firstCip = 1_000_001L;
    private int reversalStatus = 24;
    private String reversalStatusName = "Extornado";
    private boolean sendExpiredEvent = false;
    private boolean sendRefundedEvent = false;
    private boolean codeAsString = false;
    private boolean errorDataAsObject = false;
    private WebhookAmounts webhookAmounts = WebhookAmounts.TWO_DECIMALS;
    private AbsentDateStyle absentDateStyle = AbsentDateStyle.NULL;
    private Duration slowResponseDelay = Duration.ofMillis(300);
    private Duration timeoutHold = Duration.ofSeconds(2);
    private Clock clock = Clock.systemUTC();
    private Sleeper sleeper = d -> {};
    private long seed = 42L;

    private Builder() {}

    public Builder port(int v) { port = v; return this; }
    public Builder credentials(String access, String secret, String service) {
      accessKey = access; secretKey = secret; idService = service; return this;
    }
    public Builder codeService(String v) { codeService = v; return this; }
    /** Where {@code cipUrl} points instead of this simulator's own voucher page. */
    public Builder voucherBase(String v) { voucherBase = Optional.ofNullable(v); return this; }
    public Builder webhookUrl(String v) { webhookUrl = Optional.ofNullable(v); return this; }
    public Builder webhookTimeout(Duration v) { webhookTimeout = v; return this; }
    public Builder webhookRetryDelay(Duration v) { webhookRetryDelay = v; return this; }
    public Builder tokenTtl(Duration v) { tokenTtl = v; return this; }
    public Builder clockSkewTolerance(Duration v) { clockSkewTolerance = v; return this; }
    public Builder defaultExpiry(Duration v) { defaultExpiry = v; return this; }
    public Builder maxAmount(BigDecimal v) { maxAmount = v; return this; }
    public Builder strictSearchLimit(boolean v) { strictSearchLimit = v; return this; }
    public Builder rejectDuplicateTransactionCode(boolean v) { rejectDuplicateTransactionCode = v; return this; }
    public Builder firstCip(long v) { firstCip = v; return this; }
    public Builder reversal(int status, String name) { reversalStatus = status; reversalStatusName = name; return this; }
    public Builder sendExpiredEvent(boolean v) { sendExpiredEvent = v; return this; }
    public Builder sendRefundedEvent(boolean v) { sendRefundedEvent = v; return this; }
    public Builder codeAsString(boolean v) { codeAsString = v; return this; }
    public Builder errorDataAsObject(boolean v) { errorDataAsObject = v; return this; }
    public Builder webhookAmounts(WebhookAmounts v) { webhookAmounts = v; return this; }
    public Builder absentDateStyle(AbsentDateStyle v) { absentDateStyle = v; return this; }
    public Builder slowResponseDelay(Duration v) { slowResponseDelay = v; return this; }
    public Builder timeoutHold(Duration v) { timeoutHold = v; return this; }
    public Builder clock(Clock v) { clock = v; return this; }
    public Builder sleeper(Sleeper v) { sleeper = v; return this; }
    public Builder seed(long v) { seed = v; return this; }

    public SimulatorConfig build() {
      return new SimulatorConfig(port, accessKey, secretKey, idService, codeService, voucherBase, webhookUrl,
          webhookTimeout, webhookRetryDelay, tokenTtl, clockSkewTolerance, defaultExpiry, maxAmount,
          strictSearchLimit, rejectDuplicateTransactionCode, firstCip, reversalStatus, reversalStatusName,
          sendExpiredEvent, sendRefundedEvent, codeAsString, errorDataAsObject, webhookAmounts, absentDateStyle,
          slowResponseDelay, timeoutHold, clock, sleeper, seed);
    }
  }
}
