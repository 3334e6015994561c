package io.shardline.router.plan;

import io.shardline.router.sql.NestedSelects;
import io.shardline.router.sql.TokenType;
import io.shardline.router.sql.Tokens;
import java.util.Set;

/**
 * What an UPDATE or DELETE that reaches several shards must not carry: ORDER BY and LIMIT (and the other clauses
 * that only make sense on one result) would apply on each shard separately, not once over all rows. Read from the
 * tokens, so every occurrence counts, except inside a subquery, which applies them to its own rows on each shard
 * as it would on one server. SELECTs are merged instead ({@link io.shardline.router.merge.MergeRewriter}).
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
        NestedSelects nested = NestedSelects.of(tokens);
        for (int i = 0; i < tokens.size(); i++) {
            if (tokens.type(i) != TokenType.WORD || nested.contains(i)) {
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
