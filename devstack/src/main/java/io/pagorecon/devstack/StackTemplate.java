package io.pagorecon.devstack;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.AbstractConstruct;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * {@code template.yaml} as plain maps and lists. Short-form intrinsics are turned into their long
 * form ({@code !Ref X} becomes {@code {Ref: X}}, {@code !Sub s} becomes {@code {Fn::Sub: s}}), so
 * readers handle one shape only.
 */
public final class StackTemplate {

  /** Overrides where the template is found (a path to the file). */
  public static final String TEMPLATE_PROPERTY = "pagorecon.template";

  private final Path path;
  private final Map<String, Object> root;

  private StackTemplate(Path path, Map<String, Object> root) {
    this.path = path;
    this.root = root;
  }

  /** The template named by {@code -Dpagorecon.template}, else the first found walking up from the working directory. */
  public static StackTemplate locate() {
    String explicit = System.getProperty(TEMPLATE_PROPERTY);
    if (explicit != null && !explicit.isBlank()) {
      return load(Path.of(explicit));
    }
    return load(findUpwards(Path.of("").toAbsolutePath()));
  }

  public static Path findUpwards(Path start) {
    for (Path dir = start; dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolve("template.yaml");
      if (Files.isRegularFile(candidate)) {
        return candidate;
      }
    }
    throw new IllegalStateException("no template.yaml in " + start + " or any parent; set -D" + TEMPLATE_PROPERTY);
  }

  @SuppressWarnings("unchecked")
  public static StackTemplate load(Path path) {
    LoaderOptions options = new LoaderOptions();
    options.setAllowDuplicateKeys(false);
    Yaml yaml = new Yaml(new CloudFormationConstructor(options));
    try (Reader reader = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
      Object loaded = yaml.load(reader);
      if (!(loaded instanceof Map)) {
        throw new IllegalStateException(path + " is not a YAML mapping");
      }
      return new StackTemplate(path.toAbsolutePath(), (Map<String, Object>) loaded);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + path, e);
    }
  }

  public Path path() {
    return path;
  }

  /** The directory holding the template: the repository root. */
  public Path directory() {
    return path.getParent();
  }

  public Map<String, Object> root() {
    return root;
  }

  public Map<String, Object> parameters() {
    return map(root.get("Parameters"));
  }

  public Map<String, Object> conditions() {
    return map(root.get("Conditions"));
  }

  public Map<String, Object> outputs() {
    return map(root.get("Outputs"));
  }

  public Map<String, Object> resources() {
    return map(root.get("Resources"));
  }

  /** {@code Globals.Function}, or empty. */
  public Map<String, Object> functionGlobals() {
    return map(map(root.get("Globals")).get("Function"));
  }

  public Optional<Resource> resource(String logicalId) {
    Object r = resources().get(logicalId);
    return r == null ? Optional.empty() : Optional.of(new Resource(logicalId, map(r)));
  }

  /** Resources of one type (e.g. {@code AWS::DynamoDB::Table}) in template order. */
  public List<Resource> resourcesOfType(String type) {
    return resources().entrySet().stream()
        .map(e -> new Resource(e.getKey(), map(e.getValue())))
        .filter(r -> type.equals(r.type()))
        .toList();
  }

  /**
   * A function's environment variables as written (intrinsics unresolved): {@code Globals} first,
   * then the function's own, which win.
   */
  public Map<String, Object> functionEnvironment(String functionLogicalId) {
    Resource fn = resource(functionLogicalId)
        .filter(r -> "AWS::Serverless::Function".equals(r.type()))
        .orElseThrow(() -> new IllegalArgumentException("no AWS::Serverless::Function " + functionLogicalId + " in " + path));
    Map<String, Object> env = new LinkedHashMap<>(map(map(functionGlobals().get("Environment")).get("Variables")));
    env.putAll(map(map(fn.properties().get("Environment")).get("Variables")));
    return env;
  }

  /** One entry of {@code Resources}. */
  public record Resource(String logicalId, Map<String, Object> definition) {
    public String type() {
      return (String) definition.get("Type");
    }

    public Map<String, Object> properties() {
      return map(definition.get("Properties"));
    }

    /** The resource's {@code Condition}, if any. */
    public Optional<String> condition() {
      return Optional.ofNullable((String) definition.get("Condition"));
    }
  }

  @SuppressWarnings("unchecked")
  public static Map<String, Object> map(Object value) {
    if (value == null) {
      return Map.of();
    }
    if (value instanceof Map<?, ?> m) {
      return (Map<String, Object>) m;
    }
    throw new IllegalStateException("expected a mapping but found " + value);
  }

  /** Reads {@code !Ref}, {@code !Sub}, {@code !GetAtt} ... as their long forms. */
  private static final class CloudFormationConstructor extends SafeConstructor {
    CloudFormationConstructor(LoaderOptions options) {
      super(options);
      this.yamlMultiConstructors.put("!", new ShortForm());
    }

    private final class ShortForm extends AbstractConstruct {
      @Override
      public Object construct(Node node) {
        String tag = node.getTag().getValue().substring(1);
        Object value;
        if (node instanceof ScalarNode scalar) {
          value = constructScalar(scalar);
        } else if (node instanceof SequenceNode sequence) {
          value = constructSequence(sequence);
        } else {
          value = constructMapping((MappingNode) node);
        }
        if ("GetAtt".equals(tag) && value instanceof String s) {
          int dot = s.indexOf('.');
          value = List.of(s.substring(0, dot), s.substring(dot + 1));
        }
        String name = "Ref".equals(tag) || "Condition".equals(tag) ? tag : "Fn::" + tag;
        return Map.of(name, value);
      }
    }
  }
}
