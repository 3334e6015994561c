package io.shardline.router.sql;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DdlNamesTest {

    @Test
    void keepsTablesViewsAndReferencesApart() {
        DdlNames names = DdlNames.of(SqlLexer.tokenize(
                "CREATE TABLE s.child (p INT, FOREIGN KEY (p) REFERENCES `Parent` (id) ON DELETE CASCADE)"));
        assertThat(names.tables()).containsExactly(new TableName("s", "child"));
        assertThat(names.referenced()).containsExactly(new TableName(null, "parent"));
        assertThat(names.views()).isEmpty();

        DdlNames views = DdlNames.of(SqlLexer.tokenize("DROP VIEW IF EXISTS a, s.b"));
        assertThat(views.views()).containsExactly(new TableName(null, "a"), new TableName("s", "b"));
        assertThat(views.tables()).isEmpty();
    }

    @Test
    void readsQuotedNamesAsTheSessionsSqlModeQuotesThem() {
        Tokens ansi = SqlLexer.tokenize("DROP TABLE \"S\".\"T\", `a``b`", new LexerOptions(false, true));
        assertThat(DdlNames.of(ansi).tables()).containsExactly(new TableName("s", "t"), new TableName(null, "a`b"));
    }

    @Test
    void readsEveryNameOfARename() {
        assertThat(DdlNames.of(SqlLexer.tokenize("RENAME TABLE a TO b, s.c TO s.d")).tables()).containsExactly(
                new TableName(null, "a"), new TableName(null, "b"), new TableName("s", "c"), new TableName("s", "d"));
    }

    @Test
    void qualifiesInTheDefaultSchemaOnlyWhatIsNotQualified() {
        assertThat(new TableName("s", "t").qualified("app")).isEqualTo("s.t");
        assertThat(new TableName(null, "t").qualified("app")).isEqualTo("app.t");
        assertThat(new TableName(null, "t").qualified(null)).isNull();
    }
}
