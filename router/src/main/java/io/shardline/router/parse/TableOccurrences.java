package io.shardline.router.parse;

import io.shardline.router.sql.Identifiers;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.sf.jsqlparser.schema.Table;
import net.sf.jsqlparser.statement.Statement;
import net.sf.jsqlparser.statement.delete.Delete;
import net.sf.jsqlparser.statement.insert.Insert;
import net.sf.jsqlparser.statement.select.LateralSubSelect;
import net.sf.jsqlparser.statement.select.ParenthesedSelect;
import net.sf.jsqlparser.statement.select.PlainSelect;
import net.sf.jsqlparser.statement.select.SetOperationList;
import net.sf.jsqlparser.statement.select.TableStatement;
import net.sf.jsqlparser.statement.select.Values;
import net.sf.jsqlparser.statement.select.WithItem;
import net.sf.jsqlparser.statement.update.Update;
import net.sf.jsqlparser.util.TablesNamesFinder;

/**
 * Every table a statement names, anywhere in it (subqueries, derived tables, WITH queries, UNION parts, INSERT
 * sources, ON DUPLICATE KEY UPDATE), as the {@link Table} objects of JSqlParser's tree, each once: JSqlParser's
 * TablesNamesFinder walks every corner of the tree, and this keeps what it passes.
 *
 * <p>The finder's own {@code getTables} drops every name that equals the name of a WITH query or a derived table
 * anywhere in the statement, which loses the base table in {@code WITH t AS (SELECT * FROM t) SELECT * FROM t} and
 * in {@code SELECT * FROM (SELECT * FROM a) AS a}. Here references to WITH queries are told apart by MySQL's
 * scoping instead ({@link #namesWithQuery}); derived tables never appear as tables.
 */
public final class TableOccurrences {
    private final List<Table> tables;
    private final Set<Table> withReferences;

    private TableOccurrences(List<Table> tables, Set<Table> withReferences) {
        this.tables = List.copyOf(tables);
        this.withReferences = withReferences;
    }

    public static TableOccurrences of(Statement statement) {
        Finder finder = Finder.walk(statement);
        Set<Table> withReferences = Collections.newSetFromMap(new IdentityHashMap<>());
        finder.scopes.forEach((owner, items) -> addWithReferences(owner, items, withReferences));
        return new TableOccurrences(finder.found, Collections.unmodifiableSet(withReferences));
    }

    /** Every table named, in the order the finder met them, each object once; references to WITH queries too. */
    public List<Table> tables() {
        return tables;
    }

    /** Whether {@code table} (one of {@link #tables()}) names a WITH query in scope rather than a table. */
    public boolean namesWithQuery(Table table) {
        return withReferences.contains(table);
    }

    /**
     * The references to the WITH queries {@code items} of {@code owner}: an unqualified name equal to a query's
     * name anywhere in the owner, except in the bodies of the queries before it, and in its own body unless the
     * WITH is RECURSIVE (JSqlParser marks only the first query so; the keyword is for the whole clause). There
     * MySQL reads the name as a base table (or a query of an outer WITH, which that WITH's owner finds).
     */
    private static void addWithReferences(Statement owner, List<WithItem<?>> items, Set<Table> into) {
        boolean recursive = false;
        List<Set<Table>> bodies = new ArrayList<>();
        for (WithItem<?> each : items) {
            recursive |= each.isRecursive();
            bodies.add(each.getSelect() == null ? Set.of() : identities(Finder.walk(each.getSelect()).found));
        }
        for (Table each : Finder.walk(owner).found) {
            if (each.getSchemaName() == null && each.getName() != null) {
                String name = Identifiers.plain(each.getName());
                for (int i = 0; i < items.size(); i++) {
                    if (name.equals(Identifiers.plain(items.get(i).getAliasName()))
                            && seesQuery(each, bodies, i, recursive)) {
                        into.add(each);
                    }
                }
            }
        }
    }

    private static boolean seesQuery(Table table, List<Set<Table>> bodies, int query, boolean recursive) {
        for (int i = 0; i < query; i++) {
            if (bodies.get(i).contains(table)) {
                return false;
            }
        }
        return recursive || !bodies.get(query).contains(table);
    }

    private static Set<Table> identities(List<Table> tables) {
        Set<Table> result = Collections.newSetFromMap(new IdentityHashMap<>());
        result.addAll(tables);
        return result;
    }

    /**
     * The finder, keeping each table object it passes and each statement part that has a WITH clause. The finder
     * may pass a table twice (a WITH clause is walked from the statement and from its SELECT): kept once.
     */
    private static final class Finder extends TablesNamesFinder<Void> {
        private final List<Table> found = new ArrayList<>();
        private final Set<Table> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        private final Map<Statement, List<WithItem<?>>> scopes = new IdentityHashMap<>();

        static Finder walk(Statement statement) {
            Finder result = new Finder();
            result.getTables(statement);
            return result;
        }

        @Override
        protected String extractTableName(Table table) {
            if (seen.add(table)) {
                found.add(table);
            }
            return super.extractTableName(table);
        }

        private void scope(Statement owner, List<WithItem<?>> items) {
            if (items != null && !items.isEmpty()) {
                scopes.put(owner, items);
            }
        }

        @Override
        public <S> Void visit(PlainSelect select, S context) {
            scope(select, select.getWithItemsList());
            return super.visit(select, context);
        }

        @Override
        public <S> Void visit(SetOperationList select, S context) {
            scope(select, select.getWithItemsList());
            return super.visit(select, context);
        }

        @Override
        public <S> Void visit(ParenthesedSelect select, S context) {
            scope(select, select.getWithItemsList());
            return super.visit(select, context);
        }

        @Override
        public <S> Void visit(LateralSubSelect select, S context) {
            scope(select, select.getWithItemsList());
            return super.visit(select, context);
        }

        @Override
        public <S> Void visit(Values select, S context) {
            scope(select, select.getWithItemsList());
            return super.visit(select, context);
        }

        @Override
        public <S> Void visit(TableStatement select, S context) {
            scope(select, select.getWithItemsList());
            return super.visit(select, context);
        }

        @Override
        public <S> Void visit(Insert insert, S context) {
            scope(insert, insert.getWithItemsList());
            return super.visit(insert, context);
        }

        @Override
        public <S> Void visit(Update update, S context) {
            scope(update, update.getWithItemsList());
            return super.visit(update, context);
        }

        @Override
        public <S> Void visit(Delete delete, S context) {
            scope(delete, delete.getWithItemsList());
            return super.visit(delete, context);
        }
    }
}
