package io.shardline.proxy.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {
    record Backend(String name, Double lagSeconds, List<String> pinnedBy) {}

    @Test
    void recordComponentsBecomeSnakeCaseFields() {
        assertThat(Json.write(new Backend("main/replica@h:1", null, List.of("transaction"))))
                .isEqualTo("{\"name\":\"main/replica@h:1\",\"lag_seconds\":null,\"pinned_by\":[\"transaction\"]}");
    }

    @Test
    void stringsAreEscapedAsRfc8259Requires() {
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("text", "a\"b\\c\nd\u0001é");
        assertThat(Json.write(value)).isEqualTo("{\"text\":\"a\\\"b\\\\c\\nd\\u0001é\"}");
    }
}
