package io.shardline.router.plan;

import java.util.ArrayList;
import java.util.List;
import net.sf.jsqlparser.schema.Column;
import net.sf.jsqlparser.schema.Table;
import net.sf.jsqlparser.statement.Statement;
import net.sf.jsqlparser.statement.insert.Insert;
import net.sf.jsqlparser.statement.select.Select;
import net.sf.jsqlparser.statement.upsert.Upsert;

/**
 * What planning an INSERT or a REPLACE reads, whichever JSqlParser type holds it: it parses {@code REPLACE} as an
 * {@link Upsert}, not an {@link Insert}, though MySQL treats both alike (rows placed the same way; REPLACE deletes
 * a row with the same unique key first, on the same shard since the key places the row).
 *
 * @param keyword {@code INSERT} or {@code REPLACE}, for messages
 * @param columns the column list, empty when there is none
 * @param select the rows ({@code Values}) or the SELECT; null for {@code ... SET}
 */
record InsertStatement(String keyword, Table table, List<Column> columns, Select select, Statement statement) {

    /** Null when the statement is neither. */
    static InsertStatement of(Statement statement) {
        if (statement instanceof Insert insert) {
            return new InsertStatement("INSERT", insert.getTable(), columns(insert.getColumns()), insert.getSelect(),
                    statement);
        }
        if (statement instanceof Upsert upsert) {
            return new InsertStatement("REPLACE", upsert.getTable(), columns(upsert.getColumns()),
                    upsert.getSelect(), statement);
        }
        return null;
    }

    private static List<Column> columns(List<?> list) {
        List<Column> result = new ArrayList<>();
        if (list != null) {
            for (Object each : list) {
                result.add((Column) each);
            }
        }
        return List.copyOf(result);
    }
}
