package io.shardline.router.cache;

import io.shardline.router.classify.StatementKind;
import io.shardline.router.parse.TableOccurrences;
import io.shardline.router.sql.Identifiers;
import io.shardline.router.sql.TableName;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import net.sf.jsqlparser.schema.Table;
import net.sf.jsqlparser.statement.Statement;
import net.sf.jsqlparser.statement.delete.Delete;
import net.sf.jsqlparser.statement.insert.Insert;
import net.sf.jsqlparser.statement.select.FromItem;
import net.sf.jsqlparser.statement.select.Join;
import net.sf.jsqlparser.statement.select.ParenthesedFromItem;
import net.sf.jsqlparser.statement.select.PlainSelect;
import net.sf.jsqlparser.statement.select.Select;
import net.sf.jsqlparser.statement.update.Update;
import net.sf.jsqlparser.statement.upsert.Upsert;

/**
 * The tables of a parsed SELECT, INSERT, REPLACE, UPDATE or DELETE. Every base table named anywhere is read
 * ({@link TableOccurrences}: WITH query names and {@code DUAL} are not tables); the tables a write names as its
 * target are written instead: INSERT's and REPLACE's table, and every table among an UPDATE's or DELETE's table
 * references, since which of a join's tables a multi-table statement changes is not worth telling apart. Tables in
 * subqueries and derived tables there are only read.
 */
final class ParsedAccess {
    private ParsedAccess() {}

    /**
     * @param statement the parse of a statement of {@code kind}; a multi-table DELETE arrives as the SELECT of its
     *     table references ({@link MultiTableDelete})
     * @return UNKNOWN when the parse is not the kind of statement the classifier saw
     */
    static UnresolvedAccess of(Statement statement, StatementKind kind) {
        Set<Table> targets = Collections.newSetFromMap(new IdentityHashMap<>());
        boolean expected = switch (kind) {
            case SELECT -> statement instanceof Select;
            case INSERT, REPLACE -> insertTarget(statement, targets);
            case UPDATE -> statement instanceof Update update && addReferences(update, targets);
            case DELETE -> deleteTargets(statement, targets);
            default -> false;
        };
        if (!expected) {
            return UnresolvedAccess.UNKNOWN;
        }
        TableOccurrences occurrences = TableOccurrences.of(statement);
        Set<TableName> read = new LinkedHashSet<>();
        Set<TableName> written = new LinkedHashSet<>();
        for (Table each : occurrences.tables()) {
            if (!targets.contains(each) && isBaseTable(each, occurrences)) {
                read.add(nameOf(each));
            }
        }
        for (Table each : targets) {
            if (isBaseTable(each, occurrences)) {
                written.add(nameOf(each));
            }
        }
        if (kind != StatementKind.SELECT && written.isEmpty()) {
            return UnresolvedAccess.UNKNOWN; // a write whose target was not found: better not guess
        }
        return new UnresolvedAccess(read, written, false);
    }

    private static boolean insertTarget(Statement statement, Set<Table> into) {
        Table target = statement instanceof Insert insert ? insert.getTable()
                : statement instanceof Upsert upsert ? upsert.getTable() : null;
        return target != null && into.add(target);
    }

    private static boolean addReferences(Update update, Set<Table> into) {
        addReferences(update.getTable(), update.getStartJoins(), into);
        addReferences(update.getFromItem(), update.getJoins(), into);
        return true;
    }

    private static boolean deleteTargets(Statement statement, Set<Table> into) {
        if (statement instanceof PlainSelect references) {
            addReferences(references.getFromItem(), references.getJoins(), into);
            return true;
        }
        if (statement instanceof Delete delete) {
            addReferences(delete.getTable(), delete.getJoins(), into);
            if (delete.getUsingList() != null) {
                into.addAll(delete.getUsingList());
            }
            return true;
        }
        return false;
    }

    /** The tables of a FROM-like list, nested joins {@code (a JOIN b)} included; derived tables are no targets. */
    private static void addReferences(FromItem first, List<Join> joins, Set<Table> into) {
        if (first instanceof Table table) {
            into.add(table);
        } else if (first instanceof ParenthesedFromItem nested) {
            addReferences(nested.getFromItem(), nested.getJoins(), into);
        }
        if (joins != null) {
            for (Join each : joins) {
                addReferences(each.getFromItem(), null, into);
            }
        }
    }

    private static boolean isBaseTable(Table table, TableOccurrences occurrences) {
        boolean dual = table.getSchemaName() == null && "dual".equals(Identifiers.plain(table.getName()));
        return !dual && !occurrences.namesWithQuery(table);
    }

    private static TableName nameOf(Table table) {
        String schema = table.getSchemaName();
        return new TableName(schema == null ? null : Identifiers.plain(schema), Identifiers.plain(table.getName()));
    }
}
