package io.pagorecon.core.settlement;

/**
 * Bad input no single row shows: a key given twice, rows of one settlement that disagree, a
 * currency without a fee contract. Names the input, the line and the field.
 */
public final class SettlementConflictException extends Exception {

  /** Which input. */
  public enum Source {
    STATEMENT,
    SETTLEMENTS,
    BANK,
    FEES,
    RATES
  }

  private final Source source;
  private final int line;
  private final String field;

  public SettlementConflictException(Source source, int line, String field, String message) {
    super(message);
    this.source = source;
    this.line = line;
    this.field = field;
  }

  public Source source() {
    return source;
  }

  public int line() {
    return line;
  }

  public String field() {
    return field;
  }
}
