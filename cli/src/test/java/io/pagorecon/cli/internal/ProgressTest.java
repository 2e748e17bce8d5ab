package io.pagorecon.cli.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ProgressTest {

  @Test
  void bar_shouldWritePlainLinesAtEachQuarter_whenNotATerminal() {
    StringWriter out = new StringWriter();
    Progress p = new Progress(new PrintWriter(out), false, 2);

    p.step("Playing");
    Progress.Bar bar = p.bar("CIPs", 8);
    for (int i = 1; i <= 8; i++) {
      bar.update(i);
    }
    bar.finish(8, Duration.ofMillis(1500));

    assertThat(out.toString()).doesNotContain("\r")
        .contains("[1/2] Playing").contains("CIPs 25% (2/8)").contains("CIPs 100% (8/8)").contains("CIPs: 8 in 1.5 s");
    assertThat(out.toString().lines().filter(l -> l.contains("%")).count()).isEqualTo(4);
  }

  @Test
  void bar_shouldRedrawInPlace_whenATerminal() {
    StringWriter out = new StringWriter();
    Progress p = new Progress(new PrintWriter(out), true, 1);

    Progress.Bar bar = p.bar("CIPs", 4);
    bar.update(2);
    bar.finish(4, Duration.ofSeconds(2));

    assertThat(out.toString()).contains("\r      CIPs [###############               ] 2/4").contains("] 4/4");
  }
}
