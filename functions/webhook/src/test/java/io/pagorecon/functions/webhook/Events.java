package io.pagorecon.functions.webhook;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** Loads the files in events/ with the Lambda runtime's own event deserializer. */
final class Events {

  private static final PojoSerializer<APIGatewayV2HTTPEvent> SERIALIZER =
      LambdaEventSerializers.serializerFor(APIGatewayV2HTTPEvent.class, Events.class.getClassLoader());

  private Events() {}

  static APIGatewayV2HTTPEvent load(String fileName) {
    try (InputStream in = Events.class.getResourceAsStream("/events/" + fileName)) {
      if (in == null) {
        throw new IllegalArgumentException("no such event file: events/" + fileName);
      }
      return SERIALIZER.fromJson(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
