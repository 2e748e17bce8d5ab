package io.pagorecon.cli;

/** The documented exit codes of every pagorecon command. */
public final class ExitCodes {

  public static final int CLEAN = 0;
  public static final int DISCREPANCIES = 1;
  public static final int BAD_INPUT = 2;
  public static final int INFRASTRUCTURE = 3;

  private ExitCodes() {}
}
