package io.shardline.router.sql;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class LiteralValuesTest {
    @Test
    void eachLiteralGivesTheValueItsStatementTextWouldGiveThePlanner() {
        List<String> literals = List.of("42", "-7", "18446744073709551615", "1.50", "2.5e3", "'it''s'", "NULL",
                "'2026-11-27 10:00:00'");
        List<Object> values = LiteralValues.of(literals, LexerOptions.DEFAULT);

        assertThat(values).containsExactly(42L, -7L, new BigInteger("18446744073709551615"), new BigDecimal("1.50"),
                new BigDecimal("2.5e3"), "it's", null, "2026-11-27 10:00:00");
        String bound = "SELECT * FROM t WHERE a = 42 AND b = -7 AND c = 18446744073709551615 AND d = 1.50"
                + " AND e = 2.5e3 AND f = 'it''s' AND g = '2026-11-27 10:00:00'";
        List<Object> fromText = Digest.of(SqlLexer.tokenize(bound), LexerOptions.DEFAULT).values(List.of());
        assertThat(fromText).containsExactly(42L, -7L, new BigInteger("18446744073709551615"),
                new BigDecimal("1.50"), new BigDecimal("2.5e3"), "it's", "2026-11-27 10:00:00");
    }

    @Test
    void backslashesFollowTheSessionsSqlMode() {
        assertThat(LiteralValues.of(List.of("'a\\\\b'"), LexerOptions.DEFAULT)).containsExactly("a\\b");
        assertThat(LiteralValues.of(List.of("'a\\\\b'"), new LexerOptions(true, false))).containsExactly("a\\\\b");
    }

    @Test
    void literalsWithoutAPlainValueGiveNone() {
        assertThat(LiteralValues.of(List.of("1", "X'0a'"), LexerOptions.DEFAULT)).isNull();
        assertThat(LiteralValues.of(List.of("_utf8mb4'a'"), LexerOptions.DEFAULT)).isNull();
        assertThat(Arrays.asList(LiteralValues.of(List.of(), LexerOptions.DEFAULT).toArray())).isEmpty();
    }
}
