package io.shardline.router.classify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shardline.router.sql.LexerOptions;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Any text classifies without an exception, including huge, truncated, deeply nested and random ones. */
class ClassifierRobustnessTest {

    private static final int ONE_MB = 1 << 20;

    private static final List<String> TRICKY = List.of(
            "/*+ shardline:primary */ SELECT a, 'x''y\\'z', `q``r`, @v, @@session.s FROM t WHERE id = ? FOR UPDATE",
            "/*!40101 SET @old = @@sql_mode */; /*M!100100 SELECT NEXT VALUE FOR s */ -- c\n# d\nSELECT 1--1",
            "WITH RECURSIVE x (n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM x) DELETE FROM t WHERE id IN (TABLE x)",
            "CREATE DEFINER='u'@'%' PROCEDURE p() BEGIN IF 1 THEN SELECT GET_LOCK('a', 1); END IF; END; KILL QUERY 5",
            "SET STATEMENT a = (1, 2) FOR EXPLAIN ANALYZE UPDATE t SET b = LAST_INSERT_ID(b + 1)",
            "SELECT _utf8mb4'a' , N'b', X'0A', 0x1F, 1.5e-3, .5, 1abc, \"s\", @`u`, @'w' INTO OUTFILE '/tmp/x'");

    @Test
    void nullAndEmptyTextAreEmpty() {
        assertThat(Classifier.classify(null).kind()).isEqualTo(StatementKind.EMPTY);
        assertThat(Classifier.classify("", null).statementCount()).isZero();
    }

    @Test
    void everyPrefixAndEveryOneCharacterDeletionOfTrickyStatementsClassifies() {
        for (String sql : TRICKY) {
            for (int end = 0; end <= sql.length(); end++) {
                classifyAllModes(sql.substring(0, end));
                if (end < sql.length()) {
                    classifyAllModes(sql.substring(0, end) + sql.substring(end + 1));
                }
            }
        }
    }

    @Test
    void randomTextClassifies() {
        Random random = new Random(20240611L);
        String[] fragments = {"'", "\"", "`", "/*", "*/", "/*!", "/*M!", "/*+", "--", "-- ", "#", "\n", "@", "@@",
            "?", ";", "(", ")", ",", ".", "\\", "SELECT", "WITH", "AS", "FOR", "UPDATE", "SET", "GLOBAL", "KILL",
            "EXPLAIN", "BEGIN", "END", "CREATE", "PROCEDURE", "NOW", "GET_LOCK", "INTO", "0x", "1e", "_utf8", "N",
            "X", " ", "50100", "session_track_x", "\0", "\uD800", "\uFFFF", "é"};
        for (int n = 0; n < 5_000; n++) {
            StringBuilder sql = new StringBuilder();
            int parts = random.nextInt(40);
            for (int p = 0; p < parts; p++) {
                if (random.nextInt(4) == 0) {
                    sql.append((char) random.nextInt(0x10000));
                } else {
                    sql.append(fragments[random.nextInt(fragments.length)]);
                }
            }
            classifyAllModes(sql.toString());
        }
    }

    @Test
    void oneMegabyteOfStatementsIsOnePass() {
        String statement = "SELECT a, 'str;ing', `b` FROM t /* c */ WHERE x = 1 AND y IN (1, 2, 3) -- d\n;";
        String sql = statement.repeat(ONE_MB / statement.length() + 1);
        Classification c = Classifier.classify(sql);
        assertThat(c.kind()).isEqualTo(StatementKind.SELECT);
        assertThat(c.statementCount()).isEqualTo(ONE_MB / statement.length() + 1);
        assertThat(c.flags()).containsExactly(StatementFlag.MULTI_STATEMENT);
    }

    @Test
    void oneMegabyteStatementClassifies() {
        String sql = "INSERT INTO t VALUES " + "(1, 'a', NOW(), ?),".repeat(ONE_MB / 20) + "(2, 'b', NULL, ?)";
        Classification c = Classifier.classify(sql);
        assertThat(c.kind()).isEqualTo(StatementKind.INSERT);
        assertThat(c.flags()).containsExactlyInAnyOrder(StatementFlag.NON_DETERMINISTIC, StatementFlag.HAS_PLACEHOLDER);
    }

    @Test
    void oneMegabyteOfDegenerateInputClassifies() {
        for (String unit : List.of("(", ")", "'", "/*", "/*!", "*/", "@", "@@", "-", "#", ";", "`", "\\", "x'",
                "EXPLAIN ", "SET STATEMENT a=1 FOR ", "WITH a AS (", "BEGIN NOT ATOMIC ", "CREATE PROCEDURE p() BEGIN ",
                "SET a=1,", "KILL ", "0x", "1e", "_a'", "é")) {
            classifyAllModes(unit.repeat(ONE_MB / unit.length()));
        }
    }

    @Test
    void classificationIsImmutable() {
        Classification c = Classifier.classify("/* a */ SELECT @x");
        assertThatThrownBy(() -> c.flags().add(StatementFlag.MULTI_STATEMENT))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> c.leadingComments().add("b")).isInstanceOf(UnsupportedOperationException.class);
        assertThat(c.has(StatementFlag.USER_VARIABLE)).isTrue();
    }

    private static void classifyAllModes(String sql) {
        for (LexerOptions options : List.of(LexerOptions.DEFAULT, new LexerOptions(true, true))) {
            Classification c = Classifier.classify(sql, options);
            assertThat(c.kind()).as("kind of %s", sql).isNotNull();
            assertThat(c.statementCount()).isGreaterThanOrEqualTo(0);
        }
    }
}
