package io.shardline.router.algorithm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ShardingAlgorithmsTest {
    private static final List<String> FOUR = List.of("t_order_0", "t_order_1", "t_order_2", "t_order_3");

    private static ShardingAlgorithm create(String type, String columns, String... settings) {
        Map<String, String> map = new HashMap<>();
        for (int i = 0; i < settings.length; i += 2) {
            map.put(settings[i], settings[i + 1]);
        }
        return Algorithms.create(new AlgorithmSpec(type, List.of(columns.split(",")), map));
    }

    private static Map<String, Object> value(String column, Object value) {
        Map<String, Object> result = new HashMap<>();
        result.put(column, value);
        return result;
    }

    @Test
    void modPlacesIntegersOfEveryJavaTypeAlikeAndNeverNegative() {
        ShardingAlgorithm mod = create("mod", "order_id", "count", "4");
        assertThat(mod.target(FOUR, value("order_id", 10L))).isEqualTo("t_order_2");
        assertThat(mod.target(FOUR, value("order_id", 10))).isEqualTo("t_order_2");
        assertThat(mod.target(FOUR, value("order_id", new BigDecimal("10.000")))).isEqualTo("t_order_2");
        assertThat(mod.target(FOUR, value("order_id", new BigInteger("18446744073709551615")))).isEqualTo("t_order_3");
        assertThat(mod.target(FOUR, value("order_id", -1L))).as("floor modulo").isEqualTo("t_order_3");
    }

    @Test
    void modRefusesWhatIsNotAnInteger() {
        ShardingAlgorithm mod = create("mod", "order_id", "count", "4");
        assertThatThrownBy(() -> mod.target(FOUR, value("order_id", "10")))
                .isInstanceOf(ShardingException.class).hasMessageContaining("needs an integer, got '10'");
        assertThatThrownBy(() -> mod.target(FOUR, value("order_id", new BigDecimal("1.5"))))
                .isInstanceOf(ShardingException.class);
        assertThatThrownBy(() -> mod.target(FOUR, value("order_id", null))).isInstanceOf(ShardingException.class)
                .hasMessageContaining("NULL");
    }

    @Test
    void targetsMatchByTrailingNumberNotByTextSuffix() {
        List<String> twelve = new java.util.ArrayList<>();
        for (int i = 0; i < 12; i++) {
            twelve.add("t_" + i);
        }
        ShardingAlgorithm mod = create("mod", "id", "count", "12");
        assertThat(mod.target(twelve, value("id", 1L))).isEqualTo("t_1");
        assertThat(mod.target(twelve, value("id", 11L))).isEqualTo("t_11");
        assertThat(create("mod", "id", "count", "2").target(List.of("t_00", "t_01"), value("id", 3L)))
                .as("zero-padded").isEqualTo("t_01");
        assertThatThrownBy(() -> mod.target(FOUR, value("id", 7L))).isInstanceOf(ShardingException.class)
                .hasMessageContaining("ends with 7");
    }

    @Test
    void modNarrowsShortIntegerRanges() {
        ShardingAlgorithm mod = create("mod", "id", "count", "4");
        assertThat(mod.targets(FOUR, "id", ValueRange.between(5L, 6L))).containsExactly("t_order_1", "t_order_2");
        assertThat(mod.targets(FOUR, "id", new ValueRange(5L, false, 7L, false))).containsExactly("t_order_2");
        assertThat(mod.targets(FOUR, "id", ValueRange.between(7L, 8L))).containsExactly("t_order_0", "t_order_3");
        assertThat(mod.targets(FOUR, "id", ValueRange.between(1L, 4L))).isEqualTo(FOUR);
        assertThat(mod.targets(FOUR, "id", ValueRange.atLeast(3L, true))).isEqualTo(FOUR);
        assertThat(mod.targets(FOUR, "id", ValueRange.between(6L, 5L))).as("empty range").isEmpty();
    }

    @Test
    void hashModUsesCrc32OfTheCanonicalText() {
        ShardingAlgorithm hash = create("hash-mod", "user_name", "count", "4");
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update("alice".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertThat(hash.target(FOUR, value("user_name", "alice"))).isEqualTo("t_order_" + crc.getValue() % 4);
        assertThat(hash.target(FOUR, value("user_name", 7L))).isEqualTo(hash.target(FOUR, value("user_name", 7)));
        assertThat(hash.targets(FOUR, "user_name", ValueRange.between("a", "b"))).isEqualTo(FOUR);
    }

    @Test
    void rangeSplitsAtTheBoundaries() {
        ShardingAlgorithm range = create("range", "amount", "boundaries", "[1000, 2000, 3000]");
        assertThat(range.target(FOUR, value("amount", 999L))).isEqualTo("t_order_0");
        assertThat(range.target(FOUR, value("amount", 1000L))).isEqualTo("t_order_1");
        assertThat(range.target(FOUR, value("amount", new BigDecimal("2999.99")))).isEqualTo("t_order_2");
        assertThat(range.target(FOUR, value("amount", 1_000_000L))).isEqualTo("t_order_3");
        assertThat(range.target(FOUR, value("amount", -5L))).isEqualTo("t_order_0");
        assertThat(range.targets(FOUR, "amount", ValueRange.between(1500L, 2500L)))
                .containsExactly("t_order_1", "t_order_2");
        assertThat(range.targets(FOUR, "amount", new ValueRange(1500L, true, 2000L, false)))
                .as("< 2000 stops before the shard starting at 2000").containsExactly("t_order_1");
        assertThat(range.targets(FOUR, "amount", ValueRange.atLeast(2000L, true)))
                .containsExactly("t_order_2", "t_order_3");
        assertThat(range.targets(FOUR, "amount", ValueRange.atMost(0L, true))).containsExactly("t_order_0");
        assertThat(range.targets(FOUR, "amount", ValueRange.between("x", 5L))).as("not a number: all")
                .isEqualTo(FOUR);
    }

    @Test
    void intervalPlacesDatesByTheirPeriod() {
        List<String> months = List.of("t_log_202401", "t_log_202402", "t_log_202403");
        ShardingAlgorithm monthly = create("interval", "created", "unit", "month");
        assertThat(monthly.target(months, value("created", "2024-02-29 23:59:59.999999"))).isEqualTo("t_log_202402");
        assertThat(monthly.target(months, value("created", LocalDate.of(2024, 3, 1)))).isEqualTo("t_log_202403");
        assertThat(monthly.target(months, value("created", LocalDateTime.of(2024, 1, 31, 8, 0))))
                .isEqualTo("t_log_202401");
        assertThatThrownBy(() -> monthly.target(months, value("created", "2024-04-01")))
                .isInstanceOf(ShardingException.class).hasMessageContaining("202404");
        assertThatThrownBy(() -> monthly.target(months, value("created", "yesterday")))
                .isInstanceOf(ShardingException.class).hasMessageContaining("needs a date");
        assertThat(monthly.targets(months, "created", ValueRange.between("2024-02-10", "2024-03-05")))
                .containsExactly("t_log_202402", "t_log_202403");
        assertThat(monthly.targets(months, "created", new ValueRange("2024-01-15", true, "2024-03-01", false)))
                .as("< March 1st stays out of March").containsExactly("t_log_202401", "t_log_202402");
        assertThat(monthly.targets(months, "created", ValueRange.atLeast("2024-02-01", true)))
                .containsExactly("t_log_202402", "t_log_202403");
    }

    @Test
    void intervalTakesOtherUnitsAndSuffixes() {
        ShardingAlgorithm daily = create("interval", "d", "unit", "day", "suffix", "yyyy_MM_dd");
        assertThat(daily.target(List.of("t_2024_02_28", "t_2024_02_29"), value("d", "2024-02-29")))
                .isEqualTo("t_2024_02_29");
        ShardingAlgorithm yearly = create("interval", "d", "unit", "year");
        assertThat(yearly.target(List.of("t_2023", "t_2024"), value("d", "2024-12-31 23:00:00"))).isEqualTo("t_2024");
        assertThatThrownBy(() -> create("interval", "d", "unit", "week"))
                .hasMessageContaining("not one of day, month, year");
    }

    @Test
    void inlineComputesTheTargetName() {
        ShardingAlgorithm inline = create("inline", "order_id", "expression", "t_order_${order_id % 4}");
        assertThat(inline.columns()).containsExactly("order_id");
        assertThat(inline.target(FOUR, value("order_id", 6L))).isEqualTo("t_order_2");
        assertThatThrownBy(() -> inline.target(FOUR, value("order_id", null))).isInstanceOf(ShardingException.class)
                .hasMessageContaining("NULL");
        ShardingAlgorithm eight = create("inline", "order_id", "expression", "t_order_${order_id % 8}");
        assertThatThrownBy(() -> eight.target(FOUR, value("order_id", 6L))).isInstanceOf(ShardingException.class)
                .hasMessageContaining("t_order_6").hasMessageContaining("not among the data nodes");
    }

    @Test
    void complexUsesSeveralColumns() {
        ShardingAlgorithm complex = create("complex", "user_id,tenant_id", "expression",
                "t_order_${(user_id + tenant_id) % 4}");
        Map<String, Object> values = new HashMap<>();
        values.put("user_id", 5L);
        values.put("tenant_id", 2L);
        assertThat(complex.target(FOUR, values)).isEqualTo("t_order_3");
        assertThat(complex.targets(FOUR, "user_id", ValueRange.exactly(5L))).isEqualTo(FOUR);
    }

    @Test
    void specMistakesSayWhatToWrite() {
        assertThatThrownBy(() -> create("modulo", "id")).hasMessageContaining("unknown sharding algorithm 'modulo'")
                .hasMessageContaining("hash-mod");
        assertThatThrownBy(() -> create("mod", "id")).hasMessageContaining("count");
        assertThatThrownBy(() -> create("mod", "id", "count", "0")).hasMessageContaining("at least 1");
        assertThatThrownBy(() -> create("mod", "a,b", "count", "2")).hasMessageContaining("use complex");
        assertThatThrownBy(() -> create("range", "id", "boundaries", "[2000, 1000]")).hasMessageContaining("rise");
        assertThatThrownBy(() -> create("range", "id", "boundaries", "[10, ten]")).hasMessageContaining("'ten'");
        assertThatThrownBy(() -> create("inline", "order_id", "expression", "t_${user_id % 2}"))
                .hasMessageContaining("[user_id]").hasMessageContaining("[order_id]");
        assertThatThrownBy(() -> create("inline", "a,b", "expression", "t_${(a + b) % 2}"))
                .hasMessageContaining("use complex");
        assertThatThrownBy(() -> create("interval", "d", "unit", "month", "suffix", "yyyyMMp"))
                .hasMessageContaining("not a date pattern");
    }
}
