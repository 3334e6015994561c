package io.shardline.proxy.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class GtidPositionTest {

    @Test
    void parsesSeveralDomains() {
        GtidPosition position = GtidPosition.parse("0-63316-42,1-7-5,\n 10-3-1");
        assertThat(position.sequenceByDomain()).containsExactly(Map.entry(0L, 42L), Map.entry(1L, 5L),
                Map.entry(10L, 1L));
        assertThat(position).hasToString("{0:42, 1:5, 10:1}");
    }

    @Test
    void anEmptyPositionIsWhatAFreshServerReports() {
        assertThat(GtidPosition.parse("")).isEqualTo(GtidPosition.EMPTY);
        assertThat(GtidPosition.parse("  ")).isEqualTo(GtidPosition.EMPTY);
        assertThat(GtidPosition.EMPTY.covers(Gtid.parse("0-1-1"))).isFalse();
    }

    @Test
    void coversEqualAndLowerSequencesOfItsDomains() {
        GtidPosition position = GtidPosition.parse("0-63316-42,1-7-5");
        assertThat(position.covers(Gtid.parse("0-63316-42"))).as("equal sequence").isTrue();
        assertThat(position.covers(Gtid.parse("0-63316-41"))).as("lower").isTrue();
        assertThat(position.covers(Gtid.parse("0-63316-43"))).as("higher").isFalse();
        assertThat(position.covers(Gtid.parse("1-7-5"))).as("second domain").isTrue();
        assertThat(position.covers(Gtid.parse("1-7-6"))).isFalse();
    }

    @Test
    void aMissingDomainIsNotCovered() {
        GtidPosition position = GtidPosition.parse("0-63316-42");
        assertThat(position.covers(Gtid.parse("2-63316-1"))).isFalse();
    }

    @Test
    void theServerIdDoesNotMatterWithinADomain() {
        // After a failover another server continues the domain's numbering; the sequence alone orders it.
        assertThat(GtidPosition.parse("0-2-42").covers(Gtid.parse("0-1-40"))).isTrue();
    }

    @Test
    void coversAllNeedsEveryDomain() {
        GtidPosition applied = GtidPosition.parse("0-1-42,1-1-5");
        assertThat(applied.coversAll(GtidPosition.parse("0-1-42"))).isTrue();
        assertThat(applied.coversAll(GtidPosition.parse("0-1-42,1-1-5"))).isTrue();
        assertThat(applied.coversAll(GtidPosition.parse("0-1-43"))).isFalse();
        assertThat(applied.coversAll(GtidPosition.parse("0-1-1,2-1-1"))).isFalse();
        assertThat(applied.coversAll(GtidPosition.EMPTY)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"garbage", "0-1-2,", ",0-1-2", "0-1-2;1-1-1", "0-1-2 1-1-1", "0-1-x"})
    void refusesGarbageWithAClearMessage(String text) {
        assertThatThrownBy(() -> GtidPosition.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a MariaDB GTID");
    }

    @Test
    void refusesADomainListedTwice() {
        assertThatThrownBy(() -> GtidPosition.parse("0-1-2,0-1-3"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'0-1-2,0-1-3' lists domain 0 twice");
    }

    @Test
    void refusesMySqlGtidSetsByName() {
        assertThatThrownBy(() -> GtidPosition.parse("3e11fa47-71ca-11e1-9e33-c80aa9429562:1-5"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("looks like a MySQL GTID set");
    }

    @Test
    void refusesNull() {
        assertThatThrownBy(() -> GtidPosition.parse(null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void isImmutableAndComparesByContent() {
        Map<Long, Long> source = new java.util.HashMap<>(Map.of(0L, 1L));
        GtidPosition position = new GtidPosition(source);
        source.put(0L, 99L);
        assertThat(position.sequenceByDomain()).containsEntry(0L, 1L);
        assertThatThrownBy(() -> position.sequenceByDomain().put(1L, 1L))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThat(position).isEqualTo(GtidPosition.parse("0-5-1"));
    }
}
