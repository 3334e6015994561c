package io.shardline.router.classify;

import io.shardline.router.sql.LexerOptions;
import io.shardline.router.sql.SqlLexer;
import io.shardline.router.sql.TokenType;
import io.shardline.router.sql.Tokens;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;

/**
 * Classifies the text of a COM_QUERY (one or more statements) without parsing it: one lexer pass, then a look at
 * the leading keywords of each statement. Any text is accepted; what is not recognised is {@code UNKNOWN}.
 */
public final class Classifier {

    private Classifier() {}

    public static Classification classify(String sql) {
        return classify(sql, LexerOptions.DEFAULT);
    }

    /** Classifies with the session's sql_mode switches, see {@link LexerOptions#fromSqlMode(String)}. */
    public static Classification classify(String sql, LexerOptions options) {
        return classifyTokenized(SqlLexer.tokenize(sql, options));
    }

    /** Classifies a statement already tokenized (the proxy keeps the tokens for the sharding planner). */
    public static Classification classifyTokenized(Tokens tokens) {
        EnumSet<StatementFlag> flags = EnumSet.noneOf(StatementFlag.class);
        FunctionFlags.scan(tokens, flags);
        StatementKind firstKind = StatementKind.EMPTY;
        KillCommand kill = null;
        int count = 0;
        for (int from = 0; from < tokens.size(); ) {
            int end = StatementSplitter.endOf(tokens, from);
            if (end > from) {
                Span statement = new Span(tokens, from, end);
                StatementKind kind = StatementRules.kindOf(statement, flags, 0);
                if (count == 0) {
                    firstKind = kind;
                    kill = kind == StatementKind.KILL ? KillParser.parse(statement) : null;
                }
                count++;
            }
            from = end + 1;
        }
        if (count > 1) {
            flags.add(StatementFlag.MULTI_STATEMENT);
        }
        return new Classification(firstKind, flags, count, leadingComments(tokens), kill);
    }

    /** Comments before the first code token other than ';'; all of them if there is no such token. */
    private static List<String> leadingComments(Tokens tokens) {
        Tokens comments = tokens.comments();
        if (comments.size() == 0) {
            return List.of();
        }
        int firstCode = 0;
        while (tokens.type(firstCode) == TokenType.SEMICOLON) {
            firstCode++;
        }
        int limit = firstCode < tokens.size() ? tokens.start(firstCode) : Integer.MAX_VALUE;
        List<String> leading = new ArrayList<>();
        for (int i = 0; i < comments.size() && comments.end(i) <= limit; i++) {
            leading.add(comments.commentBody(i));
        }
        return leading;
    }
}
