package io.pagorecon.functions.doctor;

import java.util.Objects;

/** One check's verdict: {@code PASS|WARN|FAIL <check> <finding> — <what to do>}. */
public record Finding(String check, Verdict verdict, String finding, String todo) {

  public enum Verdict {
    PASS,
    WARN,
    FAIL
  }

  public Finding {
    Objects.requireNonNull(check, "check");
    Objects.requireNonNull(verdict, "verdict");
    Objects.requireNonNull(finding, "finding");
    Objects.requireNonNull(todo, "todo");
  }

  public static Finding pass(String check, String finding) {
    return new Finding(check, Verdict.PASS, finding, "nothing to do");
  }

  public static Finding warn(String check, String finding, String todo) {
    return new Finding(check, Verdict.WARN, finding, todo);
  }

  public static Finding fail(String check, String finding, String todo) {
    return new Finding(check, Verdict.FAIL, finding, todo);
  }

  /** The text line. */
  public String line() {
    return verdict + " " + check + " " + finding + " \u2014 " + todo;
  }
}
