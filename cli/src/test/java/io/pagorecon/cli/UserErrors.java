package io.pagorecon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Pattern;

/** What every user-facing error must look like: one line, the common shape, no Java in it. */
final class UserErrors {

  /** {@code pagorecon <command>: <what>: <why> — <what to do>}. */
  static final Pattern SHAPE = Pattern.compile("^pagorecon(?: [a-z-]+)*: \\S.*?: \\S.* — \\S.*$");

  private UserErrors() {}

  static void assertShape(String stderr) {
    assertThat(stderr).as("stderr").isNotBlank();
    String first = stderr.strip().lines().findFirst().orElseThrow();
    assertThat(first).as("first line of stderr").matches(SHAPE);
    assertThat(stderr).as("stderr").doesNotContain("java.").doesNotContain("Exception").doesNotContain("\tat ");
  }
}
