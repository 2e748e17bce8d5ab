package io.pagorecon.bench.reconcile;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Rewrites {@code webhooks.jsonl} the way other systems write JSON: every object's keys in a
 * random order and random JSON spacing around colons and commas, values unchanged (numbers keep
 * their exact text). The same seed gives the same file.
 */
public final class Reshaper {

  private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
  private static final String[] COLONS = {":", ": ", " : ", ":\t"};
  private static final String[] COMMAS = {",", ", ", " ,", ",\t"};

  private Reshaper() {}

  public static void write(Path from, Path to, long seed) throws IOException {
    Random r = new Random(seed);
    Path tmp = to.resolveSibling(to.getFileName() + ".tmp");
    try (BufferedReader in = Files.newBufferedReader(from, StandardCharsets.UTF_8);
        BufferedWriter out = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
      String line;
      while ((line = in.readLine()) != null) {
        if (line.isBlank()) {
          continue;
        }
        out.write(reshape(line, r));
        out.write('\n');
      }
    }
    Files.move(tmp, to, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
  }

  static String reshape(String line, Random r) throws IOException {
    StringBuilder sb = new StringBuilder(line.length() + 32);
    write(JSON.readTree(line), sb, r);
    return sb.toString();
  }

  private static void write(JsonNode node, StringBuilder sb, Random r) {
    if (node.isObject()) {
      List<Map.Entry<String, JsonNode>> fields = new ArrayList<>();
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        fields.add(it.next());
      }
      Collections.shuffle(fields, r);
      sb.append('{').append(r.nextInt(3) == 0 ? " " : "");
      for (int i = 0; i < fields.size(); i++) {
        if (i > 0) {
          sb.append(COMMAS[r.nextInt(COMMAS.length)]);
        }
        string(fields.get(i).getKey(), sb);
        sb.append(COLONS[r.nextInt(COLONS.length)]);
        write(fields.get(i).getValue(), sb, r);
      }
      sb.append(r.nextInt(3) == 0 ? " " : "").append('}');
    } else if (node.isTextual()) {
      string(node.textValue(), sb);
    } else if (node.isBigDecimal()) {
      sb.append(node.decimalValue().toPlainString());
    } else {
      sb.append(node.toString());
    }
  }

  private static void string(String s, StringBuilder sb) {
    sb.append('"');
    JsonStringEncoder.getInstance().quoteAsString(s, sb);
    sb.append('"');
  }
}
