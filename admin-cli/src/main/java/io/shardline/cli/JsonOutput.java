package io.shardline.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;

/** {@code --json}: the API's answer as it came, pretty-printed, for scripts (jq and the like). */
public final class JsonOutput {
    private JsonOutput() {}

    public static void print(PrintWriter out, JsonNode body) {
        try {
            out.println(AdminClient.Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(body));
            out.flush();
        } catch (JsonProcessingException ex) {
            throw new IllegalStateException("a parsed JSON tree always prints", ex);
        }
    }
}
