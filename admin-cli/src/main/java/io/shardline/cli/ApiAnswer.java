package io.shardline.cli;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One answer of the admin API: what was asked (for messages) and the status and JSON body that came back.
 *
 * @param body the answer's JSON object (every answer of the API is one, errors included)
 */
public record ApiAnswer(String method, String path, int status, JsonNode body) {
    public boolean ok() {
        return status >= 200 && status < 300;
    }

    /** The {@code error} field of an error answer, or a stand-in naming the status when there is none. */
    public String error() {
        JsonNode error = body.get("error");
        return error == null || error.isNull() ? "the proxy answered " + status + " to " + method + " " + path
                : error.asText();
    }
}
