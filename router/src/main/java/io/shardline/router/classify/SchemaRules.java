package io.shardline.router.classify;

import static io.shardline.router.classify.StatementKind.ADMIN;
import static io.shardline.router.classify.StatementKind.DDL;

import java.util.Set;

/** CREATE, ALTER, DROP, RENAME, TRUNCATE, IMPORT: DDL, except for accounts (ADMIN) and DROP PREPARE. */
final class SchemaRules {

    private SchemaRules() {}

    static StatementKind kindOf(String first, Span s, Set<StatementFlag> flags) {
        int next = s.from() + 1;
        return switch (first) {
            case "CREATE" -> create(s, next, flags);
            case "DROP" -> drop(s, next, flags);
            case "ALTER" -> isAccount(s, next) || s.isWord(next, "INSTANCE") ? ADMIN : DDL;
            case "RENAME" -> isAccount(s, next) ? ADMIN : DDL;
            default -> DDL;
        };
    }

    /** CREATE [OR REPLACE] [TEMPORARY] ...: MariaDB also has temporary sequences, which are temporary tables too. */
    private static StatementKind create(Span s, int next, Set<StatementFlag> flags) {
        int i = s.isWord(next, "OR") && s.isWord(next + 1, "REPLACE") ? next + 2 : next;
        if (s.isWord(i, "TEMPORARY")) {
            flags.add(StatementFlag.TEMPORARY_TABLE);
            return DDL;
        }
        return isAccount(s, i) ? ADMIN : DDL;
    }

    private static StatementKind drop(Span s, int next, Set<StatementFlag> flags) {
        if (s.isWord(next, "TEMPORARY")) {
            flags.add(StatementFlag.TEMPORARY_TABLE);
            return DDL;
        }
        if (s.isWord(next, "PREPARE")) {
            return StatementKind.DEALLOCATE;
        }
        return isAccount(s, next) ? ADMIN : DDL;
    }

    private static boolean isAccount(Span s, int i) {
        return s.isWord(i, "USER") || s.isWord(i, "ROLE");
    }
}
