package io.shardline.router.cache;

import static org.assertj.core.api.Assertions.assertThat;

import io.shardline.router.classify.Classification;
import io.shardline.router.classify.Classifier;
import io.shardline.router.classify.StatementKind;
import io.shardline.router.sql.LexerOptions;
import io.shardline.router.sql.SqlLexer;
import io.shardline.router.sql.Tokens;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The analyzer as a whole: its cache of shapes, and that it answers for any text. The cases are in cache/*.cases. */
class TableAccessAnalyzerTest {
    private static final Set<StatementKind> WRITES = Set.of(StatementKind.INSERT, StatementKind.REPLACE,
            StatementKind.UPDATE, StatementKind.DELETE, StatementKind.LOAD_DATA, StatementKind.DDL);

    private final TableAccessAnalyzer analyzer = new TableAccessAnalyzer(100);

    @Test
    void resolvesOneCachedShapeInEachSessionsSchema() {
        assertThat(access("SELECT * FROM t JOIN s.u ON t.id = u.id WHERE t.a = 1", "shop"))
                .isEqualTo(new TableAccess(Set.of("shop.t", "s.u"), Set.of(), false));
        assertThat(access("SELECT * FROM t JOIN s.u ON t.id = u.id WHERE t.a = 2", "crm"))
                .isEqualTo(new TableAccess(Set.of("crm.t", "s.u"), Set.of(), false));
        assertThat(access("SELECT * FROM t JOIN s.u ON t.id = u.id WHERE t.a = 3", null))
                .isEqualTo(TableAccess.UNKNOWN);
    }

    @Test
    void worksWithoutKeepingShapes() {
        TableAccessAnalyzer uncached = new TableAccessAnalyzer(0);
        Tokens tokens = SqlLexer.tokenize("UPDATE t SET a = 1");
        assertThat(uncached.of(tokens, LexerOptions.DEFAULT, Classifier.classifyTokenized(tokens), "app"))
                .isEqualTo(new TableAccess(Set.of(), Set.of("app.t"), false));
    }

    @Test
    void unknownCarriesNoTables() {
        assertThat(new TableAccess(Set.of("a.t"), Set.of("a.u"), true)).isEqualTo(TableAccess.UNKNOWN);
        assertThat(TableAccess.NONE.read()).isEmpty();
        assertThat(TableAccess.NONE.unknown()).isFalse();
    }

    @Test
    void findsTablesInDeeplyNestedSubqueries() {
        String nested = "SELECT * FROM t WHERE a IN (".repeat(200) + "SELECT b FROM s.u" + ")".repeat(200);
        assertThat(access(nested, "app")).isEqualTo(new TableAccess(Set.of("app.t", "s.u"), Set.of(), false));
    }

    /** The first statement of a shape decides for the shape: here its text parses, which the shape does not. */
    @Test
    void keepsWhatTheFirstStatementOfAShapeYields() {
        assertThat(access("SELECT * FROM t WHERE d > DATE '2024-01-01'", "app"))
                .isEqualTo(new TableAccess(Set.of("app.t"), Set.of(), false));
        // under NO_BACKSLASH_ESCAPES a backslash in a string keeps the text from JSqlParser: UNKNOWN, for the shape
        TableAccessAnalyzer other = new TableAccessAnalyzer(100);
        LexerOptions noBackslashEscapes = new LexerOptions(true, false);
        for (String each : List.of("SELECT * FROM t WHERE d > DATE 'x\\'", "SELECT * FROM t WHERE d > DATE 'x'")) {
            Tokens tokens = SqlLexer.tokenize(each, noBackslashEscapes);
            assertThat(other.of(tokens, noBackslashEscapes, Classifier.classifyTokenized(tokens), "app"))
                    .as(each).isEqualTo(TableAccess.UNKNOWN);
        }
    }

    /**
     * Every statement of the classifier's and the router's case files, garbage included: never an exception, a
     * SELECT never writes, and a write the analysis knows writes some table.
     */
    @Test
    void answersForEveryStatementOfTheOtherCaseFiles() throws IOException, URISyntaxException {
        List<String> statements = statementsOf("/classify");
        statements.addAll(statementsOf("/route"));
        assertThat(statements).hasSizeGreaterThan(300);
        for (String each : statements) {
            Tokens tokens = SqlLexer.tokenize(each);
            Classification classification = Classifier.classifyTokenized(tokens);
            TableAccess access = analyzer.of(tokens, LexerOptions.DEFAULT, classification, "app");
            if (classification.kind() == StatementKind.SELECT) {
                assertThat(access.written()).as(each).isEmpty();
            }
            if (WRITES.contains(classification.kind()) && !access.unknown()) {
                assertThat(access.written()).as(each).isNotEmpty();
            }
        }
    }

    private TableAccess access(String sql, String schema) {
        Tokens tokens = SqlLexer.tokenize(sql);
        return analyzer.of(tokens, LexerOptions.DEFAULT, Classifier.classifyTokenized(tokens), schema);
    }

    /** The SQL of each case in the {@code .cases} files of a resource directory: the lines before a '>' line. */
    private static List<String> statementsOf(String directory) throws IOException, URISyntaxException {
        List<String> result = new ArrayList<>();
        try (Stream<Path> files = Files.list(Path.of(TableAccessAnalyzerTest.class.getResource(directory).toURI()))) {
            for (Path file : files.filter(each -> each.toString().endsWith(".cases")).toList()) {
                StringBuilder sql = new StringBuilder();
                for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                    if (line.startsWith(">")) {
                        if (!sql.isEmpty()) {
                            result.add(sql.toString());
                        }
                        sql.setLength(0);
                    } else if (!line.startsWith("##") && !line.startsWith("@ ") && !line.isBlank()) {
                        sql.append(sql.isEmpty() ? "" : "\n").append(line);
                    }
                }
            }
        }
        return result;
    }
}
