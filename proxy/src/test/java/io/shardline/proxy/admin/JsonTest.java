package io.shardline.proxy.admin;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class JsonTest {
    @Test
    void quotesAndEscapesWhatRfc8259Requires() {
        assertThat(Json.quote("plain")).isEqualTo("\"plain\"");
        assertThat(Json.quote("a\"b\\c")).isEqualTo("\"a\\\"b\\\\c\"");
        assertThat(Json.quote("line\nnext\r\ttab")).isEqualTo("\"line\\nnext\\r\\ttab\"");
        assertThat(Json.quote("\u0000\u001f")).isEqualTo("\"\\u0000\\u001f\"");
        assertThat(Json.quote("é/€")).as("non-ASCII and slash as is").isEqualTo("\"é/€\"");
        assertThat(Json.quote(null)).isEqualTo("null");
    }
}
