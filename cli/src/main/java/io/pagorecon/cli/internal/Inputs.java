package io.pagorecon.cli.internal;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;

/** Checks of the paths a command is given, each failure a {@link CliError} naming the option and the path. */
public final class Inputs {

  private Inputs() {}

  /** A file the command reads: it must exist, be a regular file and be readable (else bad input). */
  public static Path readableFile(String option, Path file) {
    if (!Files.exists(file)) {
      throw CliError.badInput(option + " " + file, "no such file", "check the path");
    }
    if (Files.isDirectory(file)) {
      throw CliError.badInput(option + " " + file, "is a directory", "name a file in it");
    }
    if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
      throw CliError.badInput(option + " " + file, "cannot be read", "check its permissions");
    }
    return file;
  }

  /** A directory the command writes into: created with its parents when missing (else bad input). */
  public static Path writableDirectory(String option, Path dir) {
    if (Files.exists(dir) && !Files.isDirectory(dir)) {
      throw CliError.badInput(option + " " + dir, "is a file, not a directory", "name a directory (it is created when missing)");
    }
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw CliError.badInput(option + " " + dir, "cannot be created: " + reason(e), "name a directory you can write to", e);
    }
    if (!Files.isWritable(dir)) {
      throw CliError.badInput(option + " " + dir, "is not writable", "check its permissions or name another directory");
    }
    return dir;
  }

  /** What an I/O failure means, in words (never the exception's class name). */
  public static String reason(IOException e) {
    String file = e instanceof FileSystemException f && f.getFile() != null ? f.getFile() + ": " : "";
    if (e instanceof NoSuchFileException) {
      return file + "no such file or directory";
    }
    if (e instanceof AccessDeniedException) {
      return file + "permission denied";
    }
    if (e instanceof FileAlreadyExistsException) {
      return file + "is in the way (a file exists there)";
    }
    if (e instanceof NotDirectoryException) {
      return file + "not a directory";
    }
    if (e instanceof FileSystemException f && f.getReason() != null) {
      return file + f.getReason();
    }
    String m = e.getMessage();
    return m == null || m.contains("java.") || m.contains("Exception") ? "input/output error" : m;
  }
}
