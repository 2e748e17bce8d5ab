package io.pagorecon.aws;

import io.pagorecon.core.config.Environment;
import io.pagorecon.core.journal.InvocationJournal;
import io.pagorecon.core.time.BusinessCalendar;
import java.util.List;
import java.util.Map;

/**
 * The API call journal of a function that calls PagoEfectivo, wired from the environment the
 * template gives it: {@code DATA_BUCKET}, {@code STAGE}, {@code BUSINESS_ZONE}. One per execution
 * environment; the handler flushes it at the end of each invocation.
 */
public final class ApiJournals {

  public static final String DATA_BUCKET = "DATA_BUCKET";
  /** The variables read here, for the functions' {@code Config.KEYS}. */
  public static final List<String> KEYS = List.of(DATA_BUCKET);

  private ApiJournals() {}

  public static InvocationJournal fromEnvironment(Map<String, String> env, AwsClients clients) {
    Environment vars = new Environment(env);
    return new InvocationJournal(new S3JournalStore(clients.s3(), vars.required(DATA_BUCKET)), vars.stage("STAGE"),
        new BusinessCalendar(vars.zone("BUSINESS_ZONE", "America/Lima")));
  }
}
