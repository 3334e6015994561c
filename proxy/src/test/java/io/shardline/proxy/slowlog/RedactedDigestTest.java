package io.shardline.proxy.slowlog;

import static org.assertj.core.api.Assertions.assertThat;

import io.shardline.router.sql.LexerOptions;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** No value of a statement survives into its logged digest; its shape does. */
class RedactedDigestTest {
    private static String digest(String sql) {
        return RedactedDigest.of(sql, LexerOptions.DEFAULT);
    }

    @Test
    void literalsBecomePlaceholdersAndSpacingIsNormalized() {
        assertThat(digest("SELECT  name FROM users\n WHERE id = 42 AND email = 'alice@example.com'"))
                .isEqualTo("SELECT name FROM users WHERE id = ? AND email = ?");
        assertThat(digest("SELECT SLEEP(0.3)")).isEqualTo("SELECT SLEEP ( ? )");
        assertThat(digest("UPDATE t SET balance = -12.5 WHERE id IN (1, 2, 3)"))
                .isEqualTo("UPDATE t SET balance = ? WHERE id IN ( ? , ? , ? )");
    }

    @Test
    void literalsTheRoutersShapeKeepsAreTakenOutToo() {
        String sql = "INSERT INTO secrets VALUES (X'736563726574', 0xDEADBEEF, _utf8mb4'hunter2', N'pw', b'1010',"
                + " 0b11, 'a' 'b')";
        String result = digest(sql);

        assertThat(result).isEqualTo("INSERT INTO secrets VALUES ( ? , ? , ? , ? , ? , ? , ? )");
    }

    @Test
    void commentsAndHintsAreDropped() {
        assertThat(digest("/* password=hunter2 */ SELECT /*+ MAX_EXECUTION_TIME(1000) */ 1 -- token=abc\n"))
                .doesNotContain("hunter2").doesNotContain("token").doesNotContain("1000")
                .isEqualTo("SELECT ?");
    }

    @Test
    void positionsAndTypeLengthsAreShapeNotValues() {
        assertThat(digest("SELECT a, b FROM t ORDER BY 2 LIMIT 10"))
                .isEqualTo("SELECT a , b FROM t ORDER BY 2 LIMIT ?");
        assertThat(digest("CREATE TABLE t (c CHAR(3), d DECIMAL(10, 2))"))
                .isEqualTo("CREATE TABLE t ( c CHAR ( 3 ) , d DECIMAL ( 10 , 2 ) )");
    }

    @Test
    void preparedPlaceholdersStayAndIdentifiersAreReadAsUtf8() {
        String latin1 = new String("SELECT `prénom` FROM t WHERE id = ?".getBytes(StandardCharsets.UTF_8),
                StandardCharsets.ISO_8859_1);

        assertThat(RedactedDigest.of(latin1, LexerOptions.DEFAULT)).isEqualTo("SELECT `prénom` FROM t WHERE id = ?");
    }

    @Test
    void longDigestsAreCut() {
        StringBuilder sql = new StringBuilder("INSERT INTO t VALUES (1)");
        for (int i = 0; i < 2000; i++) {
            sql.append(", (").append(i).append(')');
        }
        String result = digest(sql.toString());

        assertThat(result).hasSize(RedactedDigest.MAX_LENGTH + 3).endsWith("...").startsWith("INSERT INTO t VALUES ( ? )");
    }
}
