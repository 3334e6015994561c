package io.shardline.proxy.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class UnitsTest {

    @ParameterizedTest(name = "{0} = {1} ms")
    @CsvSource({
            "500ms, 500",
            "10s, 10000",
            "10, 10000",
            "1.5s, 1500",
            "5m, 300000",
            "2min, 120000",
            "1h, 3600000",
            "' 30 S ', 30000",
            "0s, 0",
    })
    void durations(String text, long millis) {
        assertThat(Units.parseDuration(text)).isEqualTo(Duration.ofMillis(millis));
    }

    @ParameterizedTest
    @ValueSource(strings = {"ten seconds", "", "-5s", "s"})
    void notADuration(String text) {
        assertThatThrownBy(() -> Units.parseDuration(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("is not a duration; write e.g. 500ms, 10s, 5m or 1h");
    }

    @ParameterizedTest
    @CsvSource({"5 sec, sec", "3d, d", "1w, w"})
    void unknownDurationUnitIsNamed(String text, String unit) {
        assertThatThrownBy(() -> Units.parseDuration(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown duration unit '" + unit + "' in '" + text + "'; use ms, s, m or h");
    }

    @ParameterizedTest(name = "{0} = {1} bytes")
    @CsvSource({
            "1024, 1024",
            "100b, 100",
            "512KiB, 524288",
            "512k, 524288",
            "64MiB, 67108864",
            "64 MB, 67108864",
            "16m, 16777216",
            "1GiB, 1073741824",
            "2g, 2147483648",
    })
    void sizes(String text, long bytes) {
        assertThat(Units.parseSize(text)).isEqualTo(bytes);
    }

    @ParameterizedTest
    @ValueSource(strings = {"MiB", "", "-1MiB", "big"})
    void notASize(String text) {
        assertThatThrownBy(() -> Units.parseSize(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("is not a size; write e.g. 64MiB, 512KiB or 1GiB");
    }

    @ParameterizedTest
    @CsvSource({"64XB, xb", "1TiB, tib", "1.5MiB, .5mib"})
    void unknownSizeUnitIsNamed(String text, String unit) {
        assertThatThrownBy(() -> Units.parseSize(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown size unit '" + unit + "' in '" + text + "'; use KiB, MiB or GiB");
    }

    @Test
    void sizeThatOverflowsALongIsRefusedNotWrappedAround() {
        // 2^34 + 1 GiB wraps around to exactly 1 GiB in 64-bit arithmetic.
        assertThatThrownBy(() -> Units.parseSize("17179869185GiB")).isInstanceOf(IllegalArgumentException.class);
    }
}
