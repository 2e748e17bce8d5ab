package io.pagorecon.cli.internal;

import java.io.PrintWriter;
import java.time.Duration;

/**
 * Progress of long work: numbered steps, and for counted work a bar redrawn in place when the
 * output is a terminal, or a plain line at each quarter when it is not (logs, CI, pipes).
 */
public final class Progress {

  private static final int WIDTH = 30;

  private final PrintWriter out;
  private final boolean terminal;
  private final int steps;
  private int step;

  public Progress(PrintWriter out, boolean terminal, int steps) {
    this.out = out;
    this.terminal = terminal;
    this.steps = steps;
  }

  /** Starts the next numbered step. */
  public void step(String what) {
    step++;
    out.println("[" + step + "/" + steps + "] " + what);
    out.flush();
  }

  /** A detail line under the current step. */
  public void info(String line) {
    out.println("      " + line);
    out.flush();
  }

  public Bar bar(String label, long total) {
    return new Bar(label, Math.max(1, total));
  }

  /** One counted piece of work. */
  public final class Bar {
    private final String label;
    private final long total;
    private long lastShown = -1;
    private int lastQuarter;

    private Bar(String label, long total) {
      this.label = label;
      this.total = total;
    }

    public void update(long done) {
      long d = Math.min(done, total);
      if (terminal) {
        if (d != lastShown) {
          int filled = (int) (WIDTH * d / total);
          out.print("\r      " + label + " [" + "#".repeat(filled) + " ".repeat(WIDTH - filled) + "] " + d + "/" + total);
          out.flush();
          lastShown = d;
        }
        return;
      }
      int quarter = (int) (4 * d / total);
      while (lastQuarter < quarter) {
        lastQuarter++;
        out.println("      " + label + " " + (lastQuarter * 25) + "% (" + (lastQuarter * total / 4) + "/" + total + ")");
        out.flush();
      }
    }

    public void finish(long done, Duration took) {
      update(done);
      if (terminal) {
        out.println();
      }
      out.println("      " + label + ": " + done + " in " + seconds(took));
      out.flush();
    }
  }

  public static String seconds(Duration d) {
    return String.format(java.util.Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
  }
}
