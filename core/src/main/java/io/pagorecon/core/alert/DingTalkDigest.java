package io.pagorecon.core.alert;

import java.util.Comparator;
import java.util.List;

/**
 * Merges alerts into one DingTalk markdown message. The robot accepts at most 20 messages a
 * minute, so everything that arrives together is sent together, most severe first.
 */
public final class DingTalkDigest {

  /** DingTalk truncates long markdown; stay well below its 20,000-byte limit. */
  static final int MAX_TEXT_CHARS = 15_000;

  private DingTalkDigest() {}

  public record Message(String title, String markdown) {}

  public static Message merge(List<Alert> alerts) {
    if (alerts.isEmpty()) {
      throw new IllegalArgumentException("nothing to send");
    }
    List<Alert> ordered = alerts.stream().sorted(Comparator.comparing(Alert::severity)).toList();
    Alert first = ordered.get(0);
    String title = ordered.size() == 1 ? first.subject() : first.subject() + " (+" + (ordered.size() - 1) + ")";
    StringBuilder md = new StringBuilder();
    for (Alert a : ordered) {
      String section = "### " + icon(a.severity()) + " " + a.subject() + "\n\n" + a.body().strip() + "\n\n";
      if (md.length() + section.length() > MAX_TEXT_CHARS) {
        md.append("…").append(ordered.size() - ordered.indexOf(a)).append(" more; see the email or the reports.\n");
        break;
      }
      md.append(section);
    }
    return new Message(truncate(title, 64), md.toString().strip());
  }

  private static String icon(Alert.Severity s) {
    switch (s) {
      case CRITICAL:
        return "🔴";
      case HIGH:
        return "🟠";
      case MEDIUM:
        return "🟡";
      default:
        return "🔵";
    }
  }

  private static String truncate(String s, int max) {
    return s.length() <= max ? s : s.substring(0, max - 1) + "…";
  }
}
