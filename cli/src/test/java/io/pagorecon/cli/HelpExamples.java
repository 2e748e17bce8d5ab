package io.pagorecon.cli;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;

/** The examples a command's help documents ("Examples:" up to the next blank line), and shell-like word splitting. */
final class HelpExamples {

  private HelpExamples() {}

  /** The example lines of each command named (e.g. {@code "ledger show"}), without the leading {@code ./pagorecon}. */
  static List<String> of(String... commands) {
    List<String> examples = new ArrayList<>();
    for (String command : commands) {
      CommandLine cl = Pagorecon.commandLine(new Cli().context);
      for (String name : command.split(" ")) {
        cl = cl.getSubcommands().get(name);
        if (cl == null) {
          throw new IllegalArgumentException("no command " + command);
        }
      }
      examples.addAll(inUsage(cl.getUsageMessage(CommandLine.Help.Ansi.OFF)));
    }
    return examples;
  }

  static List<String> inUsage(String usage) {
    List<String> examples = new ArrayList<>();
    boolean in = false;
    for (String line : usage.split("\n")) {
      if (line.strip().equals("Examples:")) {
        in = true;
      } else if (in && line.isBlank()) {
        in = false;
      } else if (in) {
        String example = line.strip();
        if (!example.startsWith("./pagorecon ")) {
          throw new IllegalStateException("an example that is not a ./pagorecon command line: " + example);
        }
        examples.add(example.substring("./pagorecon ".length()));
      }
    }
    return examples;
  }

  /** Words as a POSIX shell splits them: single and double quotes group, a backslash-newline joins lines. */
  static List<String> words(String line) {
    List<String> words = new ArrayList<>();
    StringBuilder w = new StringBuilder();
    boolean inWord = false;
    char quote = 0;
    String s = line.replace("\\\n", " ");
    for (int i = 0; i < s.length(); i++) {
      char ch = s.charAt(i);
      if (quote != 0) {
        if (ch == quote) {
          quote = 0;
        } else if (ch == '\\' && quote == '"' && i + 1 < s.length() && "\"\\$`".indexOf(s.charAt(i + 1)) >= 0) {
          w.append(s.charAt(++i));
        } else {
          w.append(ch);
        }
      } else if (ch == '\'' || ch == '"') {
        quote = ch;
        inWord = true;
      } else if (Character.isWhitespace(ch)) {
        if (inWord) {
          words.add(w.toString());
          w.setLength(0);
          inWord = false;
        }
      } else {
        w.append(ch);
        inWord = true;
      }
    }
    if (quote != 0) {
      throw new IllegalArgumentException("unbalanced quote in: " + line);
    }
    if (inWord) {
      words.add(w.toString());
    }
    return words;
  }
}
