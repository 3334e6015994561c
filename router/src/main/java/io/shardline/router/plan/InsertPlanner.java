package io.shardline.router.plan;

import io.shardline.router.algorithm.ShardingException;
import io.shardline.router.parse.ValueReader;
import io.shardline.router.rewrite.TableRenamer;
import io.shardline.router.rule.DataNode;
import io.shardline.router.rule.SchemaRules;
import io.shardline.router.rule.TableRule;
import io.shardline.router.sql.Identifiers;
import io.shardline.router.sql.LexerOptions;
import io.shardline.router.sql.SqlLexer;
import io.shardline.router.sql.Tokens;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.LongSupplier;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.operators.relational.ExpressionList;
import net.sf.jsqlparser.expression.operators.relational.ParenthesedExpressionList;
import net.sf.jsqlparser.schema.Column;
import net.sf.jsqlparser.statement.select.Values;
import net.sf.jsqlparser.util.TablesNamesFinder;

/**
 * {@code INSERT} / {@code REPLACE ... VALUES} into a sharded table: each row goes to the data node its sharding
 * values pick, rows of one node travel together as one statement of the client's own text (head, those rows,
 * tail such as {@code ON DUPLICATE KEY UPDATE}), with the node's actual table. A key column the table generates
 * and the statement leaves out is added with a fresh snowflake id per row. Refused, with the reason: no column
 * list, {@code INSERT ... SELECT}, {@code INSERT ... SET}, a sharding value that is computed rather than given.
 * Into a broadcast table: the statement on every data source; into any other table: the default data source.
 */
final class InsertPlanner {
    private InsertPlanner() {}

    /**
     * @param values the values of the shape's {@code ?}: its literals and the client's parameters
     * @param clientParameters whether the client's text itself holds {@code ?} (a prepared statement's)
     * @param knownColumns a table's columns in order (lower-case logical name), or null when not known
     */
    static List<NodeStatement> route(InsertStatement insert, Tokens tokens, LexerOptions options, SchemaRules rules,
                                     List<Object> values, boolean clientParameters, LongSupplier keys,
                                     java.util.function.Function<String, List<String>> knownColumns) {
        String table = Identifiers.plain(insert.table().getName());
        TableRule rule = rules.table(table);
        if (rule != null) {
            return plan(insert, tokens, options, rule, rules, values, clientParameters, keys, knownColumns);
        }
        for (String each : new TablesNamesFinder<Void>().getTables(insert.statement())) {
            String read = Identifiers.lastPart(each);
            if (rules.table(read) != null) {
                throw new ShardingException(insert.keyword() + " ... SELECT from sharded tables is not supported"
                        + " yet");
            }
            if (rules.isBroadcast(table) && !rules.isBroadcast(read)) {
                throw new ShardingException(insert.keyword() + " into broadcast table " + table + " reads " + read
                        + ", which is not broadcast: the copies on the other data sources cannot read it, so they"
                        + " would differ; make " + read + " a broadcast table, or write the rows as VALUES");
            }
        }
        return rules.isBroadcast(table) ? BroadcastWrites.copies(tokens, rules)
                : List.of(new NodeStatement(rules.defaultDataSource(), tokens.source()));
    }

    private static List<NodeStatement> plan(InsertStatement insert, Tokens tokens, LexerOptions options,
                                            TableRule rule, SchemaRules rules, List<Object> parameters,
                                            boolean clientParameters, LongSupplier keys,
                                            java.util.function.Function<String, List<String>> knownColumns) {
        String table = rule.logicalTable();
        String keyword = insert.keyword();
        if (!(insert.select() instanceof Values values)) {
            throw new ShardingException(keyword + " into sharded table " + table + " needs VALUES rows; " + keyword
                    + " ... SET and " + keyword + " ... SELECT are not supported on sharded tables yet");
        }
        boolean columnList = !insert.columns().isEmpty();
        List<String> columns = new ArrayList<>();
        if (columnList) {
            for (Column each : insert.columns()) {
                columns.add(Identifiers.plain(each.getColumnName()));
            }
        } else {
            List<String> known = knownColumns.apply(table.toLowerCase(Locale.ROOT));
            if (known == null) {
                throw new ColumnsNeeded(table.toLowerCase(Locale.ROOT));
            }
            known.forEach(each -> columns.add(each.toLowerCase(Locale.ROOT)));
        }
        InsertRows spans = InsertRows.of(tokens);
        if (spans == null || columnList && spans.columnListEnd() < 0) {
            throw new ShardingException("Shardline cannot find the rows of this " + keyword + " into " + table);
        }
        List<List<Expression>> rows = rows(values.getExpressions(), spans.rows().size(), columns.size(), table);
        String keyColumn = rule.keyColumn() == null ? null : Identifiers.plain(rule.keyColumn());
        boolean generate = keyColumn != null && !columns.contains(keyColumn);
        ValueReader reader = new ValueReader(parameters);
        Map<DataNode, List<String>> rowsByNode = new LinkedHashMap<>();
        String source = tokens.source();
        for (int r = 0; r < rows.size(); r++) {
            Map<String, Object> shardValues = new HashMap<>();
            String rowText = source.substring(spans.rows().get(r)[0], spans.rows().get(r)[1]);
            if (generate) {
                long key = keys.getAsLong();
                shardValues.put(keyColumn, key);
                rowText = rowText.substring(0, rowText.length() - 1) + ", " + key + ")";
            }
            for (String column : rule.shardingColumns()) {
                int index = columns.indexOf(column);
                if (index < 0) {
                    if (!shardValues.containsKey(column)) {
                        throw new ShardingException(keyword + " into sharded table " + table + " leaves out sharding"
                                + " column " + column + "; give it a value");
                    }
                    continue;
                }
                Object value = reader.value(rows.get(r).get(index));
                if (value == ValueReader.UNKNOWN) {
                    throw new ShardingException(keyword + " into sharded table " + table + ": the value of sharding"
                            + " column " + column + " in row " + (r + 1) + " is computed (" + rows.get(r).get(index)
                            + "); give it as a literal or a parameter");
                }
                shardValues.put(column, value);
            }
            rowsByNode.computeIfAbsent(rule.locate(shardValues), k -> new ArrayList<>()).add(rowText);
        }
        if (clientParameters && rowsByNode.size() > 1) {
            // Each node's statement would keep only its rows' ?, and nothing would say which values they take.
            // The proxy binds a prepared statement's values into the text before planning, so it never asks this.
            throw new ShardingException("internal: this " + keyword + " has ? parameters and rows for "
                    + rowsByNode.size() + " nodes, which the planner cannot split (each node's statement would not"
                    + " say which values its ? take); bind the parameter values into the text before planning");
        }
        String head = source.substring(0, spans.headEnd());
        if (generate) {
            int end = spans.columnListEnd();
            head = source.substring(0, end) + ", " + rule.keyColumn() + source.substring(end, spans.headEnd());
        }
        Tokens headTokens = SqlLexer.tokenize(head, options);
        // The tail (ON DUPLICATE KEY UPDATE t_order.n = ...) names columns; their qualifiers name the table.
        Tokens tailTokens = SqlLexer.tokenize(source.substring(spans.tailStart()), options);
        String schema = rules.name().toLowerCase(Locale.ROOT);
        List<NodeStatement> result = new ArrayList<>();
        for (Map.Entry<DataNode, List<String>> each : rowsByNode.entrySet()) {
            DataNode node = each.getKey();
            Map<String, String> actual = Map.of(table.toLowerCase(Locale.ROOT), node.table());
            String database = rules.actualDatabase(node.dataSource());
            result.add(new NodeStatement(node.dataSource(), TableRenamer.rename(headTokens, actual, schema, database)
                    + String.join(", ", each.getValue())
                    + TableRenamer.renameQualifiers(tailTokens, actual, schema, database)));
        }
        return result;
    }

    /** The rows' value expressions; one row's values come unwrapped from JSqlParser. */
    private static List<List<Expression>> rows(ExpressionList<?> expressions, int rowCount, int columns,
                                               String table) {
        List<List<Expression>> result = new ArrayList<>();
        if (rowCount == 1) {
            List<Expression> row = new ArrayList<>();
            for (Object each : expressions) {
                row.add((Expression) each);
            }
            result.add(row);
        } else {
            for (Object each : expressions) {
                List<Expression> row = new ArrayList<>();
                if (each instanceof ParenthesedExpressionList<?> list) {
                    for (Object value : list) {
                        row.add((Expression) value);
                    }
                } else {
                    row.add((Expression) each); // a row of one value may come unwrapped
                }
                result.add(row);
            }
        }
        for (int r = 0; r < result.size(); r++) {
            if (result.get(r).size() != columns) {
                // What the server itself says, so the client sees the same error as on one server.
                throw new ShardingException("Column count doesn't match value count at row " + (r + 1), 1136,
                        "21S01");
            }
        }
        return result;
    }
}
