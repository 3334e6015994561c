package io.shardline.router.cache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.shardline.router.classify.Classification;
import io.shardline.router.classify.StatementFlag;
import io.shardline.router.classify.StatementKind;
import io.shardline.router.sql.Digest;
import io.shardline.router.sql.LexerOptions;
import io.shardline.router.sql.SqlLexer;
import io.shardline.router.sql.TableName;
import io.shardline.router.sql.TokenType;
import io.shardline.router.sql.Tokens;
import java.util.Set;
import net.sf.jsqlparser.parser.CCJSqlParserUtil;
import net.sf.jsqlparser.statement.Statement;

/**
 * Which tables a statement reads and writes, for the result cache ({@link TableAccess}). SELECT, INSERT, REPLACE,
 * UPDATE and DELETE are parsed by JSqlParser ({@link ParsedAccess}), once per statement shape ({@link Digest}):
 * the shape's analysis holds the names as written and is kept in a bounded cache, and each call resolves them in
 * the session's default schema. DDL and LOAD DATA are read from their tokens ({@link DdlAccess}). Statements that
 * change no table data are {@link TableAccess#NONE}; statements whose effect cannot be seen from their text
 * (CALL, DO, EXECUTE, XA, administration, several statements in one text) are {@link TableAccess#UNKNOWN}, as is
 * anything JSqlParser cannot parse. Never throws. Thread-safe; one instance serves the whole proxy.
 */
public final class TableAccessAnalyzer {
    private final Cache<String, UnresolvedAccess> shapes;

    /** @param maxShapes how many statement shapes' analyses to keep */
    public TableAccessAnalyzer(long maxShapes) {
        this.shapes = Caffeine.newBuilder().maximumSize(maxShapes).build();
    }

    /**
     * @param tokens         the statement's text, tokenized with {@code options}
     * @param classification the classification of those tokens
     * @param defaultSchema  the session's current schema, or null when none is selected
     */
    public TableAccess of(Tokens tokens, LexerOptions options, Classification classification, String defaultSchema) {
        if (classification.has(StatementFlag.MULTI_STATEMENT)) {
            return TableAccess.UNKNOWN;
        }
        UnresolvedAccess access = switch (classification.kind()) {
            case SELECT, INSERT, REPLACE, UPDATE, DELETE -> parsed(tokens, options, classification.kind());
            case LOAD_DATA -> loadData(tokens);
            case DDL -> DdlAccess.of(tokens);
            case EXPLAIN -> classification.has(StatementFlag.EXPLAIN_WRITE) // EXPLAIN ANALYZE runs the write
                    ? UnresolvedAccess.UNKNOWN : UnresolvedAccess.NONE;
            case SHOW, SET, USE, BEGIN, COMMIT, ROLLBACK, SAVEPOINT, LOCK_TABLES, UNLOCK_TABLES, PREPARE, DEALLOCATE,
                    KILL, HANDLER, FLUSH, DIAGNOSTICS, EMPTY -> UnresolvedAccess.NONE;
            case CALL, DO, EXECUTE, XA, ADMIN, UNKNOWN -> UnresolvedAccess.UNKNOWN;
        };
        return access.resolve(defaultSchema);
    }

    /**
     * The shape's analysis, cached. When the shape does not parse (JSqlParser wants to see some literals, as in
     * {@code DATE '2024-01-01'}), the statement's own text is parsed. Either way the answer is kept for the shape:
     * table names are never literals, so every statement of a shape names the same tables, and a shape that does
     * not parse costs one failed parse rather than one per statement (UNKNOWN being always safe to answer).
     */
    private UnresolvedAccess parsed(Tokens tokens, LexerOptions options, StatementKind kind) {
        String shape = Digest.of(tokens, options).shape();
        UnresolvedAccess cached = shapes.getIfPresent(shape);
        if (cached != null) {
            return cached;
        }
        Tokens subject = tokens;
        String subjectShape = shape;
        String multiTableDelete = kind == StatementKind.DELETE ? MultiTableDelete.asSelect(tokens) : null;
        if (multiTableDelete != null) {
            subject = SqlLexer.tokenize(multiTableDelete, options);
            subjectShape = Digest.of(subject, options).shape();
        }
        Statement statement = parse(subjectShape);
        if (statement == null && stringsReadAlike(subject, options)) {
            statement = parse(subject.source());
        }
        UnresolvedAccess result = statement == null ? UnresolvedAccess.UNKNOWN : analyze(statement, kind);
        shapes.put(shape, result);
        return result;
    }

    /**
     * Whether JSqlParser ends the statement's strings where MySQL does. It reads a backslash as an escape; under
     * NO_BACKSLASH_ESCAPES MySQL does not, and a table MySQL reads could look like part of a string to JSqlParser.
     */
    private static boolean stringsReadAlike(Tokens tokens, LexerOptions options) {
        if (!options.noBackslashEscapes()) {
            return true;
        }
        for (int i = 0; i < tokens.size(); i++) {
            if (tokens.type(i) == TokenType.STRING && tokens.text(i).indexOf('\\') >= 0) {
                return false;
            }
        }
        return true;
    }

    private static Statement parse(String sql) {
        try {
            return CCJSqlParserUtil.parse(sql);
        } catch (Exception | StackOverflowError ex) { // any failure to read it means: cannot tell
            return null;
        }
    }

    private static UnresolvedAccess analyze(Statement statement, StatementKind kind) {
        try {
            return ParsedAccess.of(statement, kind);
        } catch (RuntimeException ex) { // the finder refuses a few constructs it does not know
            return UnresolvedAccess.UNKNOWN;
        }
    }

    /** {@code LOAD DATA | XML ... INTO TABLE t ...} writes t. */
    private static UnresolvedAccess loadData(Tokens tokens) {
        for (int i = 0; i < tokens.size(); i++) {
            if (tokens.isWord(i, "INTO") && tokens.isWord(i + 1, "TABLE") && TableName.isIdentifier(tokens, i + 2)) {
                return UnresolvedAccess.writing(Set.of(TableName.at(tokens, i + 2)));
            }
        }
        return UnresolvedAccess.UNKNOWN;
    }
}
