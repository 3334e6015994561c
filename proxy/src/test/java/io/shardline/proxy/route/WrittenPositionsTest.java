package io.shardline.proxy.route;

import static org.assertj.core.api.Assertions.assertThat;

import io.shardline.proxy.health.Gtid;
import org.junit.jupiter.api.Test;

class WrittenPositionsTest {
    @Test
    void keepsTheNewestGtidOfEachDomain() {
        WrittenPositions written = new WrittenPositions();
        assertThat(written.newest()).isEmpty();
        written.advance(Gtid.parse("0-1-5"));
        written.advance(Gtid.parse("0-1-7"));
        written.advance(Gtid.parse("0-1-6")); // a write that raced a newer one
        written.advance(Gtid.parse("2-1-3"));
        assertThat(written.newest()).containsExactlyInAnyOrder(Gtid.parse("0-1-7"), Gtid.parse("2-1-3"));
    }

    @Test
    void aNewPrimaryContinuesTheDomainsSequence() {
        WrittenPositions written = new WrittenPositions();
        written.advance(Gtid.parse("0-1-9"));
        written.advance(Gtid.parse("0-2-10"));
        assertThat(written.newest()).containsExactly(Gtid.parse("0-2-10"));
    }
}
