package io.pagorecon.pagoefectivo.internal;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Masks secrets and personal data in a body before it is journaled: the token, {@code hashString},
 * every key, emails, the document number, names, the phone and the shopper's user id. Works on
 * the text, so a truncated or non-JSON body (a proxy's HTML, half an answer) is masked too.
 */
public final class JournalMasking {

  public static final String MASK = "***";

  /** Property names, case-insensitive as PagoEfectivo binds them. */
  private static final Pattern FIELD = Pattern.compile(
      "(\"(?i:token|hashString|[a-z]*key|[a-z]*email|[a-z]*documentNumber|userName|userLastName|[a-z]*phone|userId)\"\\s*:\\s*)"
          + "(\"(?:[^\"\\\\]|\\\\.)*\"?|[^,}\\]\\s]*)");
  /** An email anywhere else in the text (a free-text field, an error message). */
  private static final Pattern EMAIL = Pattern.compile("[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\\.[A-Za-z]{2,}");
  /** A bearer token or a JWT anywhere else in the text. */
  private static final Pattern JWT = Pattern.compile("eyJ[A-Za-z0-9_-]*\\.[A-Za-z0-9_-]*\\.[A-Za-z0-9_-]*");

  /** Longest body kept; the rest is cut (search answers and errors are far smaller). */
  public static final int MAX_CHARS = 16 * 1024;

  private JournalMasking() {}

  public static String mask(String body) {
    String cut = body.length() > MAX_CHARS ? body.substring(0, MAX_CHARS) + "…[cut]" : body;
    Matcher m = FIELD.matcher(cut);
    String fields = m.replaceAll(r -> Matcher.quoteReplacement(r.group(1) + "\"" + MASK + "\""));
    String noMail = EMAIL.matcher(fields).replaceAll(MASK);
    return JWT.matcher(noMail).replaceAll(MASK);
  }
}
