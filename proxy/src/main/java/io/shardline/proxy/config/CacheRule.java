package io.shardline.proxy.config;

import java.time.Duration;
import java.util.Set;

/**
 * One rule of the result cache: either about tables (every read of only such tables may be cached) or about one
 * statement shape (its digest: the text with literals replaced by {@code ?}, as PREVIEW shows it).
 *
 * @param name      the label of the rule's metrics; defaults to the rule's position
 * @param tables    qualified lower-case names ({@code schema.table}, or {@code schema.*} for every table of a
 *                  schema); empty for a statement rule
 * @param statement the digest of a statement rule, normalised by the lexer (compared without regard to case);
 *                  null for a table rule
 * @param cache     false forbids caching what the rule covers, whatever a hint says
 * @param ttl       null: the section's default
 */
public record CacheRule(String name, Set<String> tables, String statement, boolean cache, Duration ttl) {
    public CacheRule {
        tables = Set.copyOf(tables);
    }

    /** Whether this table rule covers {@code table} ("schema.table", lower case). */
    public boolean covers(String table) {
        if (tables.contains(table)) {
            return true;
        }
        int dot = table.indexOf('.');
        return dot > 0 && tables.contains(table.substring(0, dot) + ".*");
    }
}
