package io.shardline.router.plan;

import io.shardline.router.sql.TokenType;
import io.shardline.router.sql.Tokens;
import java.util.Set;

/**
 * What a SELECT that reaches several shards needs beyond putting the shards' rows one after another: ordering,
 * limits, grouping, aggregates, de-duplication. Rows concatenated from shards are exactly one server's answer only
 * when none of these appear (SQL promises no row order without ORDER BY). Read from the tokens, so every
 * occurrence counts, including inside a function call.
 */
final class MergeNeeds {
    private static final Set<String> AGGREGATES = Set.of("COUNT", "SUM", "MIN", "MAX", "AVG", "GROUP_CONCAT", "STD",
            "STDDEV", "STDDEV_POP", "STDDEV_SAMP", "VARIANCE", "VAR_POP", "VAR_SAMP", "BIT_AND", "BIT_OR", "BIT_XOR",
            "JSON_ARRAYAGG", "JSON_OBJECTAGG");
    private static final Set<String> CLAUSES = Set.of("DISTINCT", "DISTINCTROW", "ORDER", "GROUP", "HAVING", "LIMIT",
            "OFFSET", "FETCH", "OVER", "WINDOW", "SQL_CALC_FOUND_ROWS", "INTO");

    private MergeNeeds() {}

    /** The first feature (as the client wrote it, upper case) that needs a merge, or null when none does. */
    static String of(Tokens tokens) {
        for (int i = 0; i < tokens.size(); i++) {
            if (tokens.type(i) != TokenType.WORD) {
                continue;
            }
            String word = tokens.upperWord(i);
            if (CLAUSES.contains(word)) {
                return word.equals("ORDER") || word.equals("GROUP") ? word + " BY" : word;
            }
            if (AGGREGATES.contains(word) && i + 1 < tokens.size() && tokens.type(i + 1) == TokenType.LPAREN) {
                return word + "()";
            }
        }
        return null;
    }
}
