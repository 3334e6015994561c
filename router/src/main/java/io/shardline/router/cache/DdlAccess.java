package io.shardline.router.cache;

import io.shardline.router.sql.DdlNames;
import io.shardline.router.sql.TableName;
import io.shardline.router.sql.TokenType;
import io.shardline.router.sql.Tokens;
import java.util.Set;

/**
 * What a DDL statement changes, from its tokens ({@link DdlNames}): CREATE / ALTER / DROP / TRUNCATE / RENAME
 * TABLE, CREATE / DROP INDEX and CREATE / ALTER / DROP VIEW write the tables or views they name (CREATE TABLE
 * ... LIKE and EXCHANGE PARTITION ... WITH TABLE write both tables, conservatively). Every other DDL is UNKNOWN:
 * databases, triggers, routines, events and sequences change what statements do or read in ways no table name
 * tells.
 */
final class DdlAccess {
    private enum Form { TABLE, VIEW }

    private DdlAccess() {}

    static UnresolvedAccess of(Tokens tokens) {
        Form form = form(tokens);
        if (form == null) {
            return UnresolvedAccess.UNKNOWN;
        }
        DdlNames names = DdlNames.of(tokens);
        Set<TableName> written = form == Form.VIEW ? names.views() : names.tables();
        return written.isEmpty() ? UnresolvedAccess.UNKNOWN : UnresolvedAccess.writing(written);
    }

    /** TABLE for statements on tables and indexes, VIEW for views, null for anything else. */
    private static Form form(Tokens tokens) {
        if (tokens.isWord(0, "TRUNCATE")) {
            return Form.TABLE;
        }
        if (tokens.isWord(0, "RENAME")) {
            return tokens.isWord(1, "TABLE") || tokens.isWord(1, "TABLES") ? Form.TABLE : null;
        }
        if (!tokens.isWord(0, "CREATE") && !tokens.isWord(0, "ALTER") && !tokens.isWord(0, "DROP")) {
            return null;
        }
        int i = skipModifiers(tokens, 1);
        if (tokens.isWord(i, "TABLE") || tokens.isWord(i, "TABLES") || tokens.isWord(i, "INDEX")) {
            return Form.TABLE;
        }
        return tokens.isWord(i, "VIEW") ? Form.VIEW : null;
    }

    /**
     * The words between CREATE / ALTER / DROP and the kind of object: OR REPLACE, TEMPORARY, ONLINE, OFFLINE,
     * IGNORE, UNIQUE, FULLTEXT, SPATIAL, ALGORITHM = x, DEFINER = account, SQL SECURITY x.
     */
    private static int skipModifiers(Tokens tokens, int from) {
        int i = from;
        while (true) {
            if (tokens.isWord(i, "OR") && tokens.isWord(i + 1, "REPLACE")) {
                i += 2;
            } else if (tokens.isWord(i, "SQL") && tokens.isWord(i + 1, "SECURITY")) {
                i += 3;
            } else if (tokens.isWord(i, "TEMPORARY") || tokens.isWord(i, "ONLINE") || tokens.isWord(i, "OFFLINE")
                    || tokens.isWord(i, "IGNORE") || tokens.isWord(i, "UNIQUE") || tokens.isWord(i, "FULLTEXT")
                    || tokens.isWord(i, "SPATIAL") && tokens.isWord(i + 1, "INDEX")) {
                i++;
            } else if (tokens.isWord(i, "ALGORITHM") && isEquals(tokens, i + 1)) {
                i += 3;
            } else if (tokens.isWord(i, "DEFINER") && isEquals(tokens, i + 1)) {
                i = afterAccount(tokens, i + 2);
            } else {
                return i;
            }
        }
    }

    /** {@code user}, {@code 'user'@'host'}, {@code CURRENT_USER}, {@code CURRENT_USER()}. */
    private static int afterAccount(Tokens tokens, int first) {
        int i = first + 1;
        if (tokens.type(i) == TokenType.ACCOUNT_AT) {
            i += 2;
        } else if (tokens.type(i) == TokenType.LPAREN && tokens.type(i + 1) == TokenType.RPAREN) {
            i += 2;
        }
        return i;
    }

    private static boolean isEquals(Tokens tokens, int i) {
        return tokens.type(i) == TokenType.OPERATOR && "=".equals(tokens.text(i));
    }
}
