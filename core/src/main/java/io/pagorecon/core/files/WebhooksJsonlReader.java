package io.pagorecon.core.files;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import io.pagorecon.core.files.internal.ChunkReader;
import io.pagorecon.core.files.internal.FastWebhookLine;
import io.pagorecon.core.files.internal.CsvTable;
import io.pagorecon.core.files.internal.FastParse;
import io.pagorecon.core.files.internal.ParallelChunks;
import io.pagorecon.core.reconcile.Times;
import io.pagorecon.core.reconcile.WebhookReceipt;
import io.pagorecon.core.reconcile.columns.CodeColumn;
import io.pagorecon.core.reconcile.columns.RowBudget;
import io.pagorecon.core.reconcile.columns.WebhookColumns;
import io.pagorecon.core.webhook.InvalidNotificationException;
import io.pagorecon.core.webhook.Notification;
import io.pagorecon.core.webhook.NotificationParser;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.Executor;

/**
 * Reads {@code webhooks.jsonl}: one {@code {"receivedAt": ..., "body": {...}}} per line. The body
 * goes through the same {@link NotificationParser} the webhook function uses, on its exact bytes.
 */
public final class WebhooksJsonlReader {

  private static final JsonFactory JSON =
      JsonFactory.builder().streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(16).build()).build();

  private final Executor executor;
  private final int parallelism;
  private final NotificationParser notifications = new NotificationParser();

  public WebhooksJsonlReader(Executor executor, int parallelism) {
    this.executor = executor;
    this.parallelism = parallelism;
  }

  public List<WebhookReceipt> read(String file, InputStream in) throws IOException, InputFileException {
    return readColumns(file, in).toList();
  }

  /** The receipts as columns: what the engine reads, with no object kept per webhook. */
  public WebhookColumns readColumns(String file, InputStream in) throws IOException, InputFileException {
    return readColumns(file, in, RowBudget.unlimited());
  }

  /** Same, taking each receipt from {@code budget} (which throws once it is spent). */
  public WebhookColumns readColumns(String file, InputStream in, RowBudget budget) throws IOException, InputFileException {
    return readColumns(file, in, budget, null);
  }

  /**
   * Same, the transaction codes encoded against the orders as each chunk is parsed (so their text
   * is never held for the whole file); {@code orders} null keeps them as text.
   */
  public WebhookColumns readColumns(String file, InputStream in, RowBudget budget, CodeColumn.Dictionary orders) throws IOException, InputFileException {
    ChunkReader reader = new ChunkReader(in, CsvTable.CHUNK_SIZE, false);
    WebhookColumns all = new WebhookColumns(1024);
    ParallelChunks.parseBlocks(
        reader,
        executor,
        Math.max(2, parallelism * 2),
        chunk -> {
          WebhookColumns out = new WebhookColumns(chunk.length() / 200 + 16);
          byte[] data = chunk.data();
          int line = chunk.firstLine();
          int pos = 0;
          while (pos < chunk.length()) {
            int end = pos;
            while (end < chunk.length() && data[end] != '\n') {
              end++;
            }
            int s = pos;
            int e = end;
            while (s < e && isSpace(data[s])) {
              s++;
            }
            while (e > s && isSpace(data[e - 1])) {
              e--;
            }
            // the usual shape straight from bytes into the columns; anything else through NotificationParser
            if (s < e && !FastWebhookLine.parseInto(data, s, e, line, out)) {
              out.add(strictLine(file, line, data, s, e));
            }
            line++;
            pos = end + 1;
          }
          out.encodeCodes(orders);
          return out;
        },
        block -> {
          budget.take(block.size());
          all.addAll(block);
        });
    all.trim();
    return all;
  }

  private static boolean isSpace(byte b) {
    return b == ' ' || b == '\t' || b == '\r';
  }

  private static final byte[] PREFIX = "{\"receivedAt\":\"".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] BODY = "\",\"body\":".getBytes(StandardCharsets.US_ASCII);

  /** The line through {@link NotificationParser} only: the reference the byte-level path is tested against. */
  WebhookReceipt strictLine(String file, int line, byte[] data, int s, int e) throws InputFileException {
    WebhookReceipt fast = parseUsualLayout(line, data, s, e);
    return fast != null ? fast : parseAnyLayout(file, line, data, s, e);
  }

  /**
   * The layout the statement job and the simulator write, {@code {"receivedAt":"…","body":{…}}},
   * without the outer JSON pass: the body bytes still go through {@link NotificationParser}, which
   * rejects anything that is not exactly one object. Null when the line looks any different (or is
   * bad): then {@link #parseAnyLayout} reads it and names the error.
   */
  private WebhookReceipt parseUsualLayout(int line, byte[] data, int s, int e) {
    if (e - s < PREFIX.length + BODY.length + 4 || data[e - 1] != '}' || !startsWith(data, s, PREFIX)) {
      return null;
    }
    int ts = s + PREFIX.length;
    int te = ts;
    while (te < e && data[te] != '"' && data[te] != '\\') {
      te++;
    }
    if (te + BODY.length + 2 > e || data[te] != '"' || !startsWith(data, te, BODY)) {
      return null;
    }
    int bodyStart = te + BODY.length;
    int bodyEnd = e - 1;
    if (data[bodyStart] != '{') {
      return null;
    }
    long receivedAt = FastParse.timestamp(data, ts, te);
    if (receivedAt == FastParse.INVALID || receivedAt == Times.NONE) {
      return null;
    }
    try {
      Notification n = notifications.parse(data, bodyStart, bodyEnd - bodyStart);
      return WebhookReceipt.of(java.time.Instant.ofEpochMilli(receivedAt), n, line);
    } catch (InvalidNotificationException ex) {
      return null;
    }
  }

  private static boolean startsWith(byte[] data, int at, byte[] prefix) {
    for (int i = 0; i < prefix.length; i++) {
      if (data[at + i] != prefix[i]) {
        return false;
      }
    }
    return true;
  }

  private WebhookReceipt parseAnyLayout(String file, int line, byte[] data, int s, int e) throws InputFileException {
    long receivedAt = Times.NONE;
    String receivedText = null;
    int bodyStart = -1;
    int bodyEnd = -1;
    try (JsonParser p = JSON.createParser(data, s, e - s)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw new InputFileException(file, line, "line", "not a JSON object");
      }
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        JsonToken value = p.nextToken();
        if ("receivedAt".equals(name)) {
          if (value != JsonToken.VALUE_STRING) {
            throw new InputFileException(file, line, "receivedAt", "must be an ISO-8601 timestamp string");
          }
          receivedText = p.getText();
        } else if ("body".equals(name)) {
          if (value != JsonToken.START_OBJECT) {
            throw new InputFileException(file, line, "body", "must be the notification object");
          }
          bodyStart = s + (int) p.currentTokenLocation().getByteOffset();
          p.skipChildren();
          bodyEnd = s + (int) p.currentLocation().getByteOffset();
        } else {
          p.skipChildren();
        }
      }
      if (p.nextToken() != null) {
        throw new InputFileException(file, line, "line", "content after the JSON object");
      }
    } catch (IOException ex) {
      throw new InputFileException(file, line, "line", "not valid JSON");
    }
    if (receivedText == null) {
      throw new InputFileException(file, line, "receivedAt", "required");
    }
    byte[] rt = receivedText.getBytes(StandardCharsets.UTF_8);
    receivedAt = FastParse.timestamp(rt, 0, rt.length);
    if (receivedAt == FastParse.INVALID || receivedAt == Times.NONE) {
      throw new InputFileException(file, line, "receivedAt", InputFileException.quote(receivedText) + " is not an ISO-8601 timestamp with an offset");
    }
    if (bodyStart < 0) {
      throw new InputFileException(file, line, "body", "required");
    }
    Notification n;
    try {
      n = notifications.parse(data, bodyStart, bodyEnd - bodyStart);
    } catch (InvalidNotificationException ex) {
      throw new InputFileException(file, line, ex.field() == null ? "body" : "body." + ex.field(), ex.getMessage());
    }
    return WebhookReceipt.of(java.time.Instant.ofEpochMilli(receivedAt), n, line);
  }
}
