package io.shardline.router.cache;

import static org.assertj.core.api.Assertions.assertThat;

import io.shardline.router.cache.CacheHint.Mode;
import io.shardline.router.classify.Classifier;
import io.shardline.router.sql.LexerOptions;
import io.shardline.router.sql.SqlLexer;
import io.shardline.router.sql.Tokens;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CacheHintTest {

    /** Statement | mode | TTL ("-" for none) | whether a problem is reported. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            SELECT * FROM t                                                   | NONE     | -       | false
            /* just a comment */ SELECT * FROM t                              | NONE     | -       | false
            /*+ shardline:cache */ SELECT * FROM t                            | CACHE    | -       | false
            /*+ SHARDLINE:CACHE */ SELECT * FROM t                            | CACHE    | -       | false
            /* shardline:cache */ SELECT * FROM t                             | CACHE    | -       | false
            -- shardline:cache(ttl=2m)\\nSELECT * FROM t                      | CACHE    | PT2M    | false
            /*+ shardline:cache(ttl=30s) */ SELECT * FROM t                   | CACHE    | PT30S   | false
            /*+ shardline:cache(ttl=30) */ SELECT * FROM t                    | CACHE    | PT30S   | false
            /*+ shardline:cache(ttl=500ms) */ SELECT * FROM t                 | CACHE    | PT0.5S  | false
            /*+ shardline:cache(ttl=1h) */ SELECT * FROM t                    | CACHE    | PT1H    | false
            /*+ shardline:cache(TTL=5S) */ SELECT * FROM t                    | CACHE    | PT5S    | false
            /*+ shardline:cache( ttl = 500ms ) */ SELECT * FROM t             | CACHE    | PT0.5S  | false
            /*+ shardline:cache (ttl=5s) */ SELECT * FROM t                   | CACHE    | PT5S    | false
            /*+ shardline:cache() */ SELECT * FROM t                          | CACHE    | -       | false
            /*+ shardline:replica shardline:cache(ttl=5s) */ SELECT * FROM t  | CACHE    | PT5S    | false
            /*+ shardline:cache( ttl = 5s ) shardline:primary */ SELECT 1     | CACHE    | PT5S    | false
            /*+ MAX_EXECUTION_TIME(1000) shardline:cache */ SELECT * FROM t   | CACHE    | -       | false
            /*+ shardline:primary */ /*+ shardline:cache(ttl=1s) */ SELECT 1  | CACHE    | PT1S    | false
            /*+ shardline:no_cache */ SELECT * FROM t                         | NO_CACHE | -       | false
            /*+ shardline:nocache */ SELECT * FROM t                          | NO_CACHE | -       | false
            /* shardline:no_cache */ SELECT * FROM t                          | NO_CACHE | -       | false
            /*+ shardline:cache(ttl=5s) shardline:no_cache */ SELECT 1        | NO_CACHE | -       | false
            /*+ shardline:no_cache */ /*+ shardline:cache */ SELECT 1         | NO_CACHE | -       | false
            SELECT SQL_NO_CACHE * FROM t                                      | NO_CACHE | -       | false
            SELECT DISTINCT sql_no_cache a FROM t                             | NO_CACHE | -       | false
            /*+ shardline:cache */ SELECT SQL_NO_CACHE * FROM t               | NO_CACHE | -       | false
            SELECT /*!40001 SQL_NO_CACHE */ * FROM t                          | NO_CACHE | -       | false
            SELECT 'SQL_NO_CACHE' FROM t                                      | NONE     | -       | false
            SELECT `SQL_NO_CACHE` FROM t                                      | NONE     | -       | false
            SELECT /* SQL_NO_CACHE */ * FROM t                                | NONE     | -       | false
            /*+ shardline:cache(ttl=abc) */ SELECT * FROM t                   | NONE     | -       | true
            /*+ shardline:cache(ttl=0) */ SELECT * FROM t                     | NONE     | -       | true
            /*+ shardline:cache(ttl=-5s) */ SELECT * FROM t                   | NONE     | -       | true
            /*+ shardline:cache(ttl=5d) */ SELECT * FROM t                    | NONE     | -       | true
            /*+ shardline:cache(ttl=1.5s) */ SELECT * FROM t                  | NONE     | -       | true
            /*+ shardline:cache(ttl=9999999999999) */ SELECT * FROM t         | NONE     | -       | true
            /*+ shardline:cache(size=5) */ SELECT * FROM t                    | NONE     | -       | true
            /*+ shardline:cache(5s) */ SELECT * FROM t                        | NONE     | -       | true
            /*+ shardline:cache(ttl=5s */ SELECT * FROM t                     | NONE     | -       | true
            /*+ shardline:cache(ttl=abc) shardline:no_cache */ SELECT 1       | NO_CACHE | -       | true
            /*+ shardline:cache(ttl=abc) shardline:cache(ttl=2s) */ SELECT 1  | CACHE    | PT2S    | true
            /*+ shardline:cachex shardline:no_cachey */ SELECT * FROM t       | NONE     | -       | false
            /*+ myshardline:cache */ SELECT * FROM t                          | NONE     | -       | false
            SELECT /*+ shardline:cache */ * FROM t                            | NONE     | -       | false
            """)
    void readsHints(String sql, Mode mode, String ttl, boolean problem) {
        CacheHint hint = hint(sql.replace("\\n", "\n"));
        assertThat(hint.mode()).isEqualTo(mode);
        assertThat(hint.ttl()).isEqualTo(ttl.equals("-") ? null : Duration.parse(ttl));
        assertThat(hint.problem() != null).as("problem: %s", hint.problem()).isEqualTo(problem);
    }

    @Test
    void saysWhatIsWrongWithAMalformedHint() {
        assertThat(hint("/*+ shardline:cache(ttl=abc) */ SELECT 1").problem())
                .isEqualTo("ignored cache hint shardline:cache(ttl=abc): ttl must be a positive whole number,"
                        + " optionally followed by ms, s, m or h");
        assertThat(hint("/*+ shardline:cache(size=5) */ SELECT 1").problem())
                .isEqualTo("ignored cache hint shardline:cache(size=5): the only option is ttl=<time>");
        assertThat(hint("/* shardline:cache(ttl=5s */ SELECT 1").problem())
                .isEqualTo("ignored cache hint shardline:cache(ttl=5s): no closing parenthesis");
    }

    @Test
    void noHintIsTheSharedNone() {
        assertThat(hint("SELECT 1")).isSameAs(CacheHint.NONE);
    }

    @Test
    void sqlNoCacheIsAWordOfCodeUnderAnySqlMode() {
        LexerOptions ansi = new LexerOptions(false, true);
        Tokens tokens = SqlLexer.tokenize("SELECT \"SQL_NO_CACHE\" FROM t", ansi);
        assertThat(CacheHint.of(Classifier.classifyTokenized(tokens), tokens).mode()).isEqualTo(Mode.NONE);
    }

    private static CacheHint hint(String sql) {
        Tokens tokens = SqlLexer.tokenize(sql);
        return CacheHint.of(Classifier.classifyTokenized(tokens), tokens);
    }
}
