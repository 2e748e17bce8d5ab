package io.pagorecon.core.files;

/**
 * Bad input in a file: names the file, the line and the field, e.g. {@code orders.csv:17: amount:
 * "12,50" is not a decimal amount in currency units}.
 */
public final class InputFileException extends Exception {

  private final String file;
  private final int line;
  private final String field;
  private final String problem;

  public InputFileException(String file, int line, String field, String problem) {
    super(file + (line > 0 ? ":" + line : "") + ": " + field + ": " + problem);
    this.file = file;
    this.line = line;
    this.field = field;
    this.problem = problem;
  }

  public String file() {
    return file;
  }

  /** 1-based physical line; 0 when the problem is the whole file. */
  public int line() {
    return line;
  }

  public String field() {
    return field;
  }

  public String problem() {
    return problem;
  }

  /** A value quoted for a message, shortened so a huge field cannot flood the output. */
  public static String quote(String value) {
    String v = value.length() > 40 ? value.substring(0, 40) + "..." : value;
    return "\"" + v + "\"";
  }
}
