package io.pagorecon.cli.internal;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Where an option not given on the command line gets its value, in this order: the environment
 * ({@code PAGORECON_<COMMAND>_<OPTION>} then {@code PAGORECON_<OPTION>}, e.g. {@code serve
 * --port} ← {@code PAGORECON_SERVE_PORT} or {@code PAGORECON_PORT}), then
 * the profile file ({@code <command>.<option>} before {@code <option>}, e.g. {@code demo.orders=800}
 * or {@code seed=7}), then the option's own default. Flags always win because picocli asks a
 * default provider only for options that were not given.
 */
public final class ProfileDefaults implements IDefaultValueProvider {

  /** The profile file used when {@code --profile} is not given. */
  public static final String PROFILE_VARIABLE = "PAGORECON_PROFILE";

  private final Map<String, String> env;
  private final Properties profile;

  public ProfileDefaults(Map<String, String> env, Properties profile) {
    this.env = Map.copyOf(env);
    this.profile = profile;
  }

  /**
   * The profile named by {@code --profile} (already extracted from the arguments), else by
   * {@code PAGORECON_PROFILE}, else {@code $HOME/.pagorecon/profile.properties} when it exists.
   * A profile named explicitly must exist.
   */
  public static ProfileDefaults load(Map<String, String> env, Optional<Path> explicit) {
    Optional<Path> file = explicit.or(() -> Optional.ofNullable(env.get(PROFILE_VARIABLE)).filter(s -> !s.isBlank()).map(Path::of));
    boolean required = file.isPresent();
    if (file.isEmpty()) {
      file = Optional.ofNullable(env.get("HOME")).map(h -> Path.of(h, ".pagorecon", "profile.properties"));
    }
    Properties p = new Properties();
    if (file.isPresent() && (required || Files.isRegularFile(file.get()))) {
      try (Reader r = Files.newBufferedReader(file.get(), StandardCharsets.UTF_8)) {
        p.load(r);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read the profile " + file.get(), e);
      }
    }
    return new ProfileDefaults(env, p);
  }

  /** {@code demo}, {@code webhook-url} → {@code PAGORECON_DEMO_WEBHOOK_URL}. */
  static String variable(String name) {
    return "PAGORECON_" + name.toUpperCase(Locale.ROOT).replace('-', '_');
  }

  @Override
  public String defaultValue(ArgSpec arg) {
    if (!(arg instanceof OptionSpec option) || option.usageHelp() || option.versionHelp()) {
      return null;
    }
    String name = option.longestName().replaceFirst("^-+", "");
    if (name.equals("profile")) {
      return null;
    }
    String command = option.command() == null ? "" : option.command().name();
    for (String key : new String[] {variable(command + "_" + name), variable(name)}) {
      String fromEnv = env.get(key);
      if (fromEnv != null && !fromEnv.isBlank()) {
        return fromEnv;
      }
    }
    String fromProfile = profile.getProperty(command + "." + name, profile.getProperty(name));
    return fromProfile != null ? fromProfile.strip() : option.defaultValue();
  }
}
