package io.shardline.proxy.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class GtidTest {

    @Test
    void parsesDomainServerSequence() {
        Gtid gtid = Gtid.parse("0-63316-42");
        assertThat(gtid).isEqualTo(new Gtid(0, 63316, 42));
        assertThat(gtid).hasToString("0-63316-42");
    }

    @Test
    void ignoresSurroundingWhiteSpaceAndTakesTheFullRanges() {
        assertThat(Gtid.parse(" \n4294967295-4294967295-9223372036854775807 "))
                .isEqualTo(new Gtid(4294967295L, 4294967295L, Long.MAX_VALUE));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "garbage", "0-1", "0-1-2-3", "a-1-2", "0--1-2", "-1-2-3", "0-1-", "0-1-+2",
            "3e8a1b2c-1111-2222-3333-444455556666:1-5", "4294967296-1-1", "0-4294967296-1",
            "0-1-9223372036854775808", "0 - 1 - 2"})
    void refusesGarbageWithAMessageNamingTheText(String text) {
        assertThatThrownBy(() -> Gtid.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a MariaDB GTID")
                .hasMessageContaining("'" + text + "'");
    }

    @Test
    void refusesNull() {
        assertThatThrownBy(() -> Gtid.parse(null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("null");
    }

    @Test
    void refusesOutOfRangeComponents() {
        assertThatThrownBy(() -> new Gtid(-1, 0, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("domain");
        assertThatThrownBy(() -> new Gtid(0, 1L << 32, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("server id");
        assertThatThrownBy(() -> new Gtid(0, 0, -5)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("sequence");
    }
}
