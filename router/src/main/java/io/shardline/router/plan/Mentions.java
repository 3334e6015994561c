package io.shardline.router.plan;

import io.shardline.router.rule.SchemaRules;
import io.shardline.router.sql.Identifiers;
import io.shardline.router.sql.TokenType;
import io.shardline.router.sql.Tokens;
import java.util.Locale;

/**
 * Whether a statement's text names a table the sharding rules place: a cheap token scan, so that statements of a
 * sharded schema that touch none of its sharded or broadcast tables (SET, SELECT @@x, reads of ordinary tables)
 * skip the planner and its parser. A column that happens to share a table's name only sends the statement to the
 * planner, which then routes it exactly.
 */
public final class Mentions {
    private Mentions() {}

    /** The first sharded table the text names, lower case, or null. */
    public static String shardedTable(Tokens tokens, SchemaRules rules) {
        for (int i = 0; i < tokens.size(); i++) {
            String name = nameAt(tokens, i);
            if (name != null && rules.table(name) != null) {
                return name;
            }
        }
        return null;
    }

    /** Whether the text names a sharded or a broadcast table. */
    public static boolean placedTable(Tokens tokens, SchemaRules rules) {
        for (int i = 0; i < tokens.size(); i++) {
            String name = nameAt(tokens, i);
            if (name != null && (rules.table(name) != null || rules.isBroadcast(name))) {
                return true;
            }
        }
        return false;
    }

    private static String nameAt(Tokens tokens, int i) {
        TokenType type = tokens.type(i);
        if (type != TokenType.WORD && type != TokenType.QUOTED_IDENT) {
            return null;
        }
        return Identifiers.plain(tokens.text(i)).toLowerCase(Locale.ROOT);
    }
}
