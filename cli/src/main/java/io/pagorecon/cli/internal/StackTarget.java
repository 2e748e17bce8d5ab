package io.pagorecon.cli.internal;

import io.pagorecon.cli.CliContext;
import io.pagorecon.devstack.LocalClients;
import io.pagorecon.devstack.StackTemplate;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * The one way a command names the stack it works on: {@code --local} (the stack a running
 * {@code ./pagorecon serve} holds, found through its {@link LocalStackRecord}) or {@code --aws
 * [--stack-name NAME] [--region R]} (a deployed stack, its names read through CloudFormation).
 * A command adopts it with one line, {@code @Mixin StackTarget stack = new StackTarget();}, and
 * calls {@link #resolve}; without either flag it falls back to the variables the functions read.
 */
public final class StackTarget {

  /** The stack name the README's deploy command uses. */
  public static final String DEFAULT_STACK_NAME = "pagorecon-sandbox";

  /** For the help's environment section: what a stack command may read. */
  public static final String ENVIRONMENT_HELP =
      "PAGORECON_STACK_NAME (--stack-name), AWS_REGION, AWS_PROFILE or AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY (--aws, through the AWS SDK), "
          + "AWS_ENDPOINT_URL (--aws against an emulator), HOME (--local: $HOME/.pagorecon/local-stack.json)";

  @Option(names = "--local", description = "Work on the stack a running ./pagorecon serve on this machine holds (nothing else to set).")
  boolean local;

  @Option(names = "--aws", description = "Work on the deployed CloudFormation stack --stack-name: its names come from the stack's resources and outputs.")
  boolean aws;

  @Option(names = "--stack-name", paramLabel = "NAME", defaultValue = DEFAULT_STACK_NAME,
      description = "With --aws: the CloudFormation stack (default: ${DEFAULT-VALUE}).")
  String stackName;

  @Option(names = "--region", paramLabel = "REGION", description = "With --aws: the stack's AWS region (default: AWS_REGION, else your AWS profile's).")
  String region;

  /** Whether {@code --local} or {@code --aws} was given. */
  public boolean named() {
    return local || aws;
  }

  public Optional<String> region() {
    return Optional.ofNullable(region).map(String::strip).filter(s -> !s.isEmpty());
  }

  /**
   * The stack {@code --local} or {@code --aws} names, or empty when neither was given (the
   * command then reads its variables from the environment). With {@code --local} the process uses
   * the emulator's dummy credentials, never a real account's.
   *
   * @throws CliError naming what to do when the stack cannot be found or read
   */
  public Optional<ResolvedStack> resolve(CliContext context) {
    if (local && aws) {
      throw CliError.badInput("--local, --aws", "both given", "name one stack: --local or --aws [--stack-name NAME]");
    }
    if (local) {
      Path file = LocalStackRecord.path(context.env());
      LocalStackRecord.Contents c = LocalStackRecord.read(file).orElseThrow(() -> CliError.badInput("--local",
          "no ./pagorecon serve is running on this machine (no " + file + ")",
          "start ./pagorecon serve in another terminal, or name a deployed stack with --aws --stack-name NAME"));
      if (!LocalStackRecord.alive(c)) {
        throw CliError.badInput("--local", "the ./pagorecon serve recorded in " + file + " (pid " + c.pid() + ") is no longer running",
            "start ./pagorecon serve again");
      }
      System.setProperty("aws.accessKeyId", LocalClients.ACCESS_KEY);
      System.setProperty("aws.secretAccessKey", LocalClients.SECRET_KEY);
      return Optional.of(c.resolved(file));
    }
    if (aws) {
      StackTemplate template;
      try {
        template = StackTemplate.locate();
      } catch (RuntimeException e) {
        throw CliError.badInput("--aws", "template.yaml not found (it says which variables each function gets)",
            "run ./pagorecon from the repository, or pass -D" + StackTemplate.TEMPLATE_PROPERTY + "=PATH", e);
      }
      return Optional.of(CloudFormationStack.resolve(stackName.strip(), region(), context.env(), template));
    }
    return Optional.empty();
  }

  /** The error for a command given neither flag nor the variable it falls back to. */
  public static CliError noStack(String variable) {
    return CliError.badInput("no stack named", "neither --local nor --aws given, and " + variable + " is not set",
        "pass --local (a running ./pagorecon serve) or --aws --stack-name NAME");
  }
}
