package io.shardline.proxy.cache;

import io.shardline.proxy.config.CacheRule;
import io.shardline.proxy.config.ResultCacheSettings;
import io.shardline.router.cache.CacheHint;
import io.shardline.router.cache.TableAccess;
import io.shardline.router.cache.TableAccessAnalyzer;
import io.shardline.router.classify.Classification;
import io.shardline.router.classify.StatementFlag;
import io.shardline.router.classify.StatementKind;
import io.shardline.router.sql.Digest;
import io.shardline.router.sql.LexerOptions;
import io.shardline.router.sql.Tokens;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Which reads may be cached and for how long (docs/result-cache.md, "What is cached"). Nothing is cached unless a
 * hint or a rule asks; then a read must be a plain deterministic SELECT of known base tables outside the system
 * schemas. A rule with {@code cache: false} wins over any hint; a statement rule wins over table rules; a hint's
 * TTL over a rule's. The session-side conditions (autocommit, no transaction, no session-bound state) are the
 * caller's.
 */
public final class CachePolicy {
    /** Flags whose statement must run every time: a stored answer would skip an effect or go stale at once. */
    private static final Set<StatementFlag> NEVER = EnumSet.of(StatementFlag.NON_DETERMINISTIC,
            StatementFlag.LOCKING_READ, StatementFlag.SELECT_INTO, StatementFlag.CALC_FOUND_ROWS,
            StatementFlag.MULTI_STATEMENT, StatementFlag.USER_VARIABLE, StatementFlag.SIDE_EFFECT_FUNCTION,
            StatementFlag.READS_NO_TABLE, StatementFlag.NAMED_LOCK, StatementFlag.LAST_INSERT_ID,
            StatementFlag.FOUND_ROWS, StatementFlag.ROW_COUNT);
    private static final Set<String> SYSTEM_SCHEMAS = Set.of("information_schema", "performance_schema", "mysql",
            "sys");

    private final ResultCacheSettings settings;
    private final TableAccessAnalyzer analyzer;
    private final boolean statementRules;
    private final boolean tableRules;

    public CachePolicy(ResultCacheSettings settings, TableAccessAnalyzer analyzer) {
        this.settings = settings;
        this.analyzer = analyzer;
        this.statementRules = settings.rules().stream().anyMatch(each -> each.statement() != null);
        this.tableRules = settings.rules().stream().anyMatch(each -> each.statement() == null);
    }

    /** The decision for a read, or null when it must not be cached. */
    public CacheDecision decide(Tokens tokens, LexerOptions options, Classification classification, String schema) {
        if (classification.kind() != StatementKind.SELECT || !disjoint(classification)) {
            return null;
        }
        CacheHint hint = CacheHint.of(classification, tokens);
        if (hint.mode() == CacheHint.Mode.NO_CACHE
                || hint.mode() == CacheHint.Mode.NONE && !statementRules && !tableRules) {
            return null;
        }
        TableAccess access = analyzer.of(tokens, options, classification, schema);
        if (access.unknown() || access.read().isEmpty() || readsSystemSchema(access.read())) {
            return null;
        }
        List<String> tables = List.copyOf(access.read());
        CacheRule byStatement = statementRules ? statementRule(Digest.of(tokens, options).shape()) : null;
        if (byStatement != null) {
            return byStatement.cache() ? decision(tables, hint, byStatement.ttl(), byStatement.name()) : null;
        }
        Duration shortest = null;
        String ruleName = null;
        boolean allCovered = true;
        for (String table : tables) {
            CacheRule rule = tableRule(table);
            if (rule != null && !rule.cache()) {
                return null;
            }
            if (rule == null) {
                allCovered = false;
                continue;
            }
            Duration ttl = rule.ttl() != null ? rule.ttl() : settings.defaultTtl();
            if (shortest == null || ttl.compareTo(shortest) < 0) {
                shortest = ttl;
            }
            ruleName = ruleName == null ? rule.name() : ruleName;
        }
        if (hint.mode() == CacheHint.Mode.CACHE) {
            return decision(tables, hint, shortest, "hint");
        }
        return allCovered ? decision(tables, hint, shortest, ruleName) : null;
    }

    private static boolean disjoint(Classification classification) {
        for (StatementFlag each : classification.flags()) {
            if (NEVER.contains(each)) {
                return false;
            }
        }
        return true;
    }

    private CacheDecision decision(List<String> tables, CacheHint hint, Duration ruleTtl, String rule) {
        Duration ttl = hint.ttl() != null ? hint.ttl() : ruleTtl != null ? ruleTtl : settings.defaultTtl();
        return new CacheDecision(tables, ttl.toNanos(), rule);
    }

    private static boolean readsSystemSchema(Set<String> tables) {
        for (String each : tables) {
            int dot = each.indexOf('.');
            if (dot < 0 || SYSTEM_SCHEMAS.contains(each.substring(0, dot))) {
                return true;
            }
        }
        return false;
    }

    private CacheRule statementRule(String shape) {
        for (CacheRule each : settings.rules()) {
            if (shape.equalsIgnoreCase(each.statement())) {
                return each;
            }
        }
        return null;
    }

    private CacheRule tableRule(String table) {
        for (CacheRule each : settings.rules()) {
            if (each.statement() == null && each.covers(table)) {
                return each;
            }
        }
        return null;
    }
}
