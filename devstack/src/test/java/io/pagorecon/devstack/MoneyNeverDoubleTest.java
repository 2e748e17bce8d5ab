package io.pagorecon.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Amounts never pass through {@code double}: a scan of the production sources that carry money
 * (core, the AWS adapters, every function, the CLI, the PagoEfectivo client). Binary floating
 * point is banned there outright; the client may use it only for its rate limiter and retry
 * jitter, which are not money, and nowhere may JSON or text be read as a binary float.
 */
class MoneyNeverDoubleTest {

  static final Pattern FLOATING = Pattern.compile("\\b(double|float|Double|Float)\\b|doubleValue\\(|floatValue\\(");
  static final Pattern FLOAT_READS = Pattern.compile(
      "parseDouble|parseFloat|getDoubleValue|getFloatValue|asDouble\\(|numberValue\\(|DoubleNode|FloatNode");
  /** Non-money uses of double in the client: requests per second and retry jitter. */
  static final Set<String> CLIENT_ALLOWED = Set.of("PagoEfectivoConfig.java", "PagoEfectivoSettings.java", "RateLimiter.java", "RetryPolicy.java");

  private final Path root = StackTemplate.locate().directory();

  @Test
  void moneyCarryingSources_shouldNeverUseBinaryFloatingPoint() throws IOException {
    List<String> found = new ArrayList<>();
    List<Path> modules = new ArrayList<>(List.of(root.resolve("core"), root.resolve("aws-adapters"), root.resolve("cli"),
        root.resolve("pagoefectivo-client")));
    try (Stream<Path> functions = Files.list(root.resolve("functions"))) {
      functions.filter(Files::isDirectory).forEach(modules::add);
    }
    int scanned = 0;
    for (Path module : modules) {
      Path main = module.resolve("src/main/java");
      if (!Files.isDirectory(main)) {
        continue;
      }
      boolean client = module.endsWith("pagoefectivo-client");
      try (Stream<Path> files = Files.walk(main)) {
        for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
          scanned++;
          List<String> lines = Files.readAllLines(f);
          for (int i = 0; i < lines.size(); i++) {
            String code = stripComment(lines.get(i));
            boolean allowed = client && CLIENT_ALLOWED.contains(f.getFileName().toString());
            if ((!allowed && FLOATING.matcher(code).find()) || FLOAT_READS.matcher(code).find()) {
              found.add(root.relativize(f) + ":" + (i + 1) + ": " + code.strip());
            }
          }
        }
      }
    }
    assertThat(scanned).as("sources scanned").isGreaterThan(50);
    assertThat(found).as("binary floating point where money flows").isEmpty();
  }

  private static String stripComment(String line) {
    String s = line.strip();
    if (s.startsWith("*") || s.startsWith("/*") || s.startsWith("//")) {
      return "";
    }
    int comment = line.indexOf("//");
    return comment >= 0 ? line.substring(0, comment) : line;
  }
}
