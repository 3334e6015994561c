package io.shardline.router.sql;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LexerOptionsTest {

    @Test
    void readsTheTwoSwitchesFromSqlMode() {
        assertThat(LexerOptions.fromSqlMode("STRICT_TRANS_TABLES,NO_BACKSLASH_ESCAPES"))
                .isEqualTo(new LexerOptions(true, false));
        assertThat(LexerOptions.fromSqlMode("ansi_quotes")).isEqualTo(new LexerOptions(false, true));
        assertThat(LexerOptions.fromSqlMode(" NO_BACKSLASH_ESCAPES , ANSI_QUOTES "))
                .isEqualTo(new LexerOptions(true, true));
    }

    @Test
    void combinationModesImplyAnsiQuotes() {
        assertThat(LexerOptions.fromSqlMode("ANSI").ansiQuotes()).isTrue();
        assertThat(LexerOptions.fromSqlMode("TRADITIONAL,ORACLE").ansiQuotes()).isTrue();
    }

    @Test
    void otherModesChangeNothing() {
        assertThat(LexerOptions.fromSqlMode("")).isEqualTo(LexerOptions.DEFAULT);
        assertThat(LexerOptions.fromSqlMode(null)).isEqualTo(LexerOptions.DEFAULT);
        assertThat(LexerOptions.fromSqlMode("ANSI_QUOTES_X,XANSI,,")).isEqualTo(LexerOptions.DEFAULT);
    }
}
