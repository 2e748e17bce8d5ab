package io.pagorecon.devstack.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Evaluates the CloudFormation intrinsics a local stack needs ({@code Ref}, {@code Fn::GetAtt},
 * {@code Fn::Sub}, {@code Fn::Join}, {@code Fn::Select}, {@code Fn::If}, {@code Fn::Equals},
 * {@code Fn::Not}, {@code Fn::And}, {@code Fn::Or}, {@code Condition}) over long-form values.
 */
public final class Intrinsics {

  private static final Pattern SUB_VARIABLE = Pattern.compile("\\$\\{([^!}][^}]*)}");

  private final Function<String, Object> refs;
  private final Function<List<String>, Object> attributes;
  private final Map<String, Object> conditions;

  /**
   * @param refs what {@code Ref X} means (parameters, pseudo parameters, resources)
   * @param attributes what {@code GetAtt [X, Attr]} means
   * @param conditions the template's {@code Conditions} section
   */
  public Intrinsics(Function<String, Object> refs, Function<List<String>, Object> attributes, Map<String, Object> conditions) {
    this.refs = refs;
    this.attributes = attributes;
    this.conditions = conditions;
  }

  public boolean condition(String name) {
    Object definition = conditions.get(name);
    if (definition == null) {
      throw new IllegalStateException("unknown condition " + name);
    }
    return (Boolean) resolve(definition);
  }

  /** The value with every intrinsic evaluated; maps and lists are copied. */
  @SuppressWarnings("unchecked")
  public Object resolve(Object value) {
    if (value instanceof List<?> list) {
      List<Object> out = new ArrayList<>();
      for (Object item : list) {
        out.add(resolve(item));
      }
      return out;
    }
    if (!(value instanceof Map<?, ?> raw)) {
      return value;
    }
    Map<String, Object> map = (Map<String, Object>) raw;
    if (map.size() == 1) {
      Map.Entry<String, Object> only = map.entrySet().iterator().next();
      String fn = only.getKey();
      Object arg = only.getValue();
      switch (fn) {
        case "Ref":
          return refs.apply((String) arg);
        case "Condition":
          return condition((String) arg);
        case "Fn::GetAtt":
          return attributes.apply(getAttArguments(arg));
        case "Fn::Sub":
          return sub(arg);
        case "Fn::Join": {
          List<Object> args = (List<Object>) arg;
          List<Object> parts = (List<Object>) resolve(args.get(1));
          StringBuilder sb = new StringBuilder();
          for (int i = 0; i < parts.size(); i++) {
            sb.append(i == 0 ? "" : (String) args.get(0)).append(parts.get(i));
          }
          return sb.toString();
        }
        case "Fn::Select": {
          List<Object> args = (List<Object>) arg;
          int index = Integer.parseInt(String.valueOf(resolve(args.get(0))));
          return ((List<Object>) resolve(args.get(1))).get(index);
        }
        case "Fn::If": {
          List<Object> args = (List<Object>) arg;
          return resolve(condition((String) args.get(0)) ? args.get(1) : args.get(2));
        }
        case "Fn::Equals": {
          List<Object> args = (List<Object>) arg;
          return String.valueOf(resolve(args.get(0))).equals(String.valueOf(resolve(args.get(1))));
        }
        case "Fn::Not":
          return !(Boolean) resolve(((List<Object>) arg).get(0));
        case "Fn::And":
          return ((List<Object>) arg).stream().allMatch(a -> (Boolean) resolve(a));
        case "Fn::Or":
          return ((List<Object>) arg).stream().anyMatch(a -> (Boolean) resolve(a));
        default:
          if (fn.startsWith("Fn::")) {
            throw new UnsupportedOperationException(fn + " is not supported by the local stack");
          }
      }
    }
    Map<String, Object> out = new LinkedHashMap<>();
    map.forEach((k, v) -> out.put(k, resolve(v)));
    return out;
  }

  @SuppressWarnings("unchecked")
  private static List<String> getAttArguments(Object arg) {
    if (arg instanceof String s) {
      int dot = s.indexOf('.');
      return List.of(s.substring(0, dot), s.substring(dot + 1));
    }
    return (List<String>) arg;
  }

  @SuppressWarnings("unchecked")
  private String sub(Object arg) {
    String text;
    Map<String, Object> locals = Map.of();
    if (arg instanceof List<?> list) {
      text = (String) list.get(0);
      locals = (Map<String, Object>) list.get(1);
    } else {
      text = (String) arg;
    }
    Matcher m = SUB_VARIABLE.matcher(text);
    StringBuilder sb = new StringBuilder();
    while (m.find()) {
      String name = m.group(1).strip();
      Object replacement;
      if (locals.containsKey(name)) {
        replacement = resolve(locals.get(name));
      } else if (name.contains(".") && !name.startsWith("AWS::")) {
        replacement = attributes.apply(getAttArguments(name));
      } else {
        replacement = refs.apply(name);
      }
      m.appendReplacement(sb, Matcher.quoteReplacement(String.valueOf(replacement)));
    }
    m.appendTail(sb);
    return sb.toString().replace("${!", "${");
  }
}
