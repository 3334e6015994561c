package io.shardline.router.sql;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TokensTest {

    @Test
    void isWordIgnoresAsciiCaseOnly() {
        Tokens tokens = SqlLexer.tokenize("select SeLeCt ſelect 'select' `select`");
        assertThat(tokens.isWord(0, "SELECT")).isTrue();
        assertThat(tokens.isWord(1, "SELECT")).isTrue();
        assertThat(tokens.isWord(2, "SELECT")).as("U+017F folds to S in Unicode, not in SQL").isFalse();
        assertThat(tokens.isWord(3, "SELECT")).isFalse();
        assertThat(tokens.isWord(4, "SELECT")).isFalse();
        assertThat(tokens.isWord(99, "SELECT")).isFalse();
        assertThat(tokens.isWord(-1, "SELECT")).isFalse();
    }

    @Test
    void upperWordOnlyForShortAsciiWords() {
        Tokens tokens = SqlLexer.tokenize("begin ſelect 'x' " + "a".repeat(65));
        assertThat(tokens.upperWord(0)).isEqualTo("BEGIN");
        assertThat(tokens.upperWord(1)).isNull();
        assertThat(tokens.upperWord(2)).isNull();
        assertThat(tokens.upperWord(3)).isNull();
    }

    @Test
    void regionIsChecksBounds() {
        Tokens tokens = SqlLexer.tokenize("@@session.session_track_schema");
        assertThat(tokens.regionIs(0, 2, "SESSION.")).isTrue();
        assertThat(tokens.regionIs(0, 10, "SESSION_TRACK")).isTrue();
        assertThat(tokens.regionIs(0, 25, "SCHEMAX")).isFalse();
        assertThat(tokens.regionIs(0, -1, "@")).isFalse();
        assertThat(tokens.regionIs(1, 0, "")).isFalse();
    }

    @Test
    void growsPastItsInitialCapacity() {
        Tokens tokens = SqlLexer.tokenize("a ".repeat(10_000));
        assertThat(tokens.size()).isEqualTo(10_000);
        assertThat(tokens.start(9_999)).isEqualTo(19_998);
    }
}
