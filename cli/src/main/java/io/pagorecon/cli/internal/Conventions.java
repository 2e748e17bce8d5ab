package io.pagorecon.cli.internal;

import io.pagorecon.cli.CliContext;
import io.pagorecon.cli.ExitCodes;
import java.io.PrintWriter;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.Help;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.TypeConversionException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * What every command shares, applied once to the whole tree after the commands are registered:
 * errors as {@code pagorecon <command>: <what>: <why> — <what to do>} (exit 2 for usage, the
 * {@link CliError}'s status otherwise, 3 for anything unforeseen), never a class name or stack
 * trace unless {@code --debug}; calendar-checked dates; help that is never wrapped inside a
 * sentence or a command line (the terminal wraps it); colour only on a terminal without NO_COLOR.
 */
public final class Conventions {

  /** Wide enough that picocli never breaks a line: sentences and examples stay whole and pasteable. */
  static final int HELP_WIDTH = 1000;

  private static final Pattern INVALID_VALUE = Pattern.compile("^Invalid value for (?:option|positional parameter) '([^']+)'(?: \\([^)]*\\))?: (.*)$", Pattern.DOTALL);

  private Conventions() {}

  /** Applies the conventions to {@code root} and every subcommand registered so far. */
  public static void apply(CommandLine root, CliContext context) {
    Help.Ansi ansi = context.terminal() && !context.env().containsKey("NO_COLOR") ? Help.Ansi.ON : Help.Ansi.OFF;
    root.registerConverter(LocalDate.class, Conventions::date);
    applyTo(root, ansi);
    // picocli lets "--help" win over an unknown command or option ("settle --help" would print the root's help, exit 0)
    root.setExecutionStrategy(parseResult -> {
      for (CommandLine.ParseResult pr = parseResult; pr != null; pr = pr.subcommand()) {
        if (!pr.unmatched().isEmpty() && pr.commandSpec().unmatchedArgsBindings().isEmpty()) {
          throw new UnmatchedArgumentException(pr.commandSpec().commandLine(), pr.unmatched());
        }
      }
      return new CommandLine.RunLast().execute(parseResult);
    });
    root.setParameterExceptionHandler((ex, args) -> {
      CommandLine cl = ex.getCommandLine();
      cl.getErr().println(usageLine(cl, ex));
      if (debug(args)) {
        ex.printStackTrace(cl.getErr());
      }
      cl.getErr().flush();
      return ExitCodes.BAD_INPUT;
    });
    root.setExecutionExceptionHandler((ex, cl, parseResult) -> {
      PrintWriter err = cl.getErr();
      String command = cl.getCommandSpec().qualifiedName(" ");
      int code;
      if (ex instanceof CliError e) {
        err.println(e.line(command));
        code = e.exitCode();
      } else if (ex instanceof software.amazon.awssdk.core.exception.SdkException e) {
        CliError described = AwsErrors.describe("calling AWS", e);
        err.println(described.line(command));
        code = described.exitCode();
      } else {
        err.println(CliError.line(command, "internal error", plain(ex.getMessage()), "run it again with --debug for the details, and report them"));
        code = ExitCodes.INFRASTRUCTURE;
      }
      if (parseResult.originalArgs().contains("--debug")) {
        ex.printStackTrace(err);
      }
      err.flush();
      return code;
    });
  }

  private static void applyTo(CommandLine cl, Help.Ansi ansi) {
    cl.setUsageHelpWidth(HELP_WIDTH);
    cl.setUsageHelpLongOptionsMaxWidth(40);
    cl.setColorScheme(Help.defaultColorScheme(ansi));
    cl.getSubcommands().values().forEach(sub -> applyTo(sub, ansi));
  }

  /** {@code --date} and friends: a calendar date, strictly (2024-02-30 is refused). */
  static LocalDate date(String value) {
    try {
      return LocalDate.parse(value.strip());
    } catch (DateTimeParseException e) {
      throw new TypeConversionException("\"" + value + "\" is not a calendar date — use YYYY-MM-DD, e.g. 2024-01-15");
    }
  }

  /** picocli's parse error in the common shape, pointing at the command's help. */
  static String usageLine(CommandLine cl, ParameterException ex) {
    String command = cl.getCommandSpec().qualifiedName(" ");
    String help = "see " + command.replaceFirst("^pagorecon", "./pagorecon") + " --help";
    if (ex instanceof UnmatchedArgumentException u && !u.getUnmatched().isEmpty()) {
      String first = u.getUnmatched().get(0);
      List<String> suggestions = u.getSuggestions();
      String hint = suggestions.isEmpty() ? help : "did you mean " + String.join(" or ", suggestions) + "? " + help;
      boolean isCommand = !cl.getSubcommands().isEmpty() && !first.startsWith("-");
      return CliError.line(command, first, isCommand ? "no such command" : "unknown option or argument", hint);
    }
    String message = plain(ex.getMessage());
    Matcher m = INVALID_VALUE.matcher(message);
    if (m.matches()) {
      String why = m.group(2);
      int dash = why.indexOf(" — ");
      return dash < 0 ? CliError.line(command, m.group(1), why, help)
          : CliError.line(command, m.group(1), why.substring(0, dash), why.substring(dash + 3));
    }
    if (message.startsWith("Missing required option")) {
      ArgSpec missing = ex.getArgSpec();
      String what = missing instanceof OptionSpec o ? o.longestName() : message.replaceFirst("^[^']*'", "").replaceFirst("'.*$", "");
      return CliError.line(command, what, "required", help);
    }
    if (message.startsWith("Missing required parameter")) {
      return CliError.line(command, message.replaceFirst("^[^']*'", "").replaceFirst("'.*$", ""), "required", help);
    }
    return CliError.line(command, "usage", message, help);
  }

  /** A message without Java or SDK class names. */
  public static String plain(String message) {
    if (message == null || message.isBlank()) {
      return "no detail";
    }
    String m = message.replaceAll("\\b(?:[a-z][a-z0-9_]*\\.)+[A-Z][A-Za-z0-9_$]*(?:Exception|Error)\\b:?\\s*", "").strip();
    m = m.replaceAll("\\b(?:java|javax|sun|software\\.amazon)\\.[A-Za-z0-9_.$@]+", "").strip();
    return m.isEmpty() || m.contains("Exception") ? "no detail" : m;
  }

  /** Whether {@code --debug} is on the command line. */
  static boolean debug(String[] args) {
    return Arrays.asList(args).contains("--debug");
  }
}
