package io.pagorecon.core.reconcile;

/**
 * Bad input that no single row shows: a key that appears twice. Names the input, the line of the
 * second occurrence and the field, like a file reader's error.
 */
public final class InputConflictException extends Exception {

  /** Which of the three inputs. */
  public enum Source {
    ORDERS,
    STATEMENT,
    WEBHOOKS
  }

  private final Source source;
  private final int line;
  private final String field;

  public InputConflictException(Source source, int line, String field, String message) {
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
