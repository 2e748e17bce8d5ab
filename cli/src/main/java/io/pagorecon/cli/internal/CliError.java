package io.pagorecon.cli.internal;

import io.pagorecon.cli.ExitCodes;
import java.util.Objects;

/**
 * A failure a person can act on, printed as {@code pagorecon <command>: <what>: <why> — <what to
 * do>} (see {@link #line}) with the exit status it stands for. A command throws it from {@code
 * call()}; {@code Pagorecon}'s handler prints the line, and the stack trace only with {@code --debug}.
 *
 * @param what the option, file (with line and field when known) or thing at fault, e.g. {@code --date}
 * @param why what is wrong with it, in words (never an exception class name)
 * @param todo what to do about it; empty when there is nothing to add
 */
public final class CliError extends RuntimeException {

  private final int exitCode;
  private final String what;
  private final String why;
  private final String todo;

  private CliError(int exitCode, String what, String why, String todo, Throwable cause) {
    super(what + ": " + why, cause);
    this.exitCode = exitCode;
    this.what = Objects.requireNonNull(what, "what");
    this.why = Objects.requireNonNull(why, "why");
    this.todo = todo == null ? "" : todo;
  }

  /** Bad input or usage: exit status 2. */
  public static CliError badInput(String what, String why, String todo) {
    return new CliError(ExitCodes.BAD_INPUT, what, why, todo, null);
  }

  /** Bad input found through an exception (kept for {@code --debug}): exit status 2. */
  public static CliError badInput(String what, String why, String todo, Throwable cause) {
    return new CliError(ExitCodes.BAD_INPUT, what, why, todo, cause);
  }

  /** Something outside the input failed (AWS, network, disk): exit status 3. */
  public static CliError infrastructure(String what, String why, String todo, Throwable cause) {
    return new CliError(ExitCodes.INFRASTRUCTURE, what, why, todo, cause);
  }

  public int exitCode() {
    return exitCode;
  }

  /** The one line shown, e.g. {@code pagorecon reconcile: --date: "2024-02-30" is not a calendar date — use YYYY-MM-DD}. */
  public String line(String command) {
    return line(command, what, why, todo);
  }

  /** The shape every user-facing error has. */
  public static String line(String command, String what, String why, String todo) {
    return command + ": " + what + ": " + why + (todo == null || todo.isEmpty() ? "" : " — " + todo);
  }
}
