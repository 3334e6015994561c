package io.shardline.router.merge;

import io.shardline.router.algorithm.ShardingException;
import io.shardline.router.merge.SelectText.Range;
import io.shardline.router.sql.Identifiers;
import io.shardline.router.sql.NestedSelects;
import io.shardline.router.sql.TokenType;
import io.shardline.router.sql.Tokens;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import net.sf.jsqlparser.statement.select.PlainSelect;
import net.sf.jsqlparser.statement.select.SelectItem;

/**
 * Prepares a SELECT that reaches several shards for merging: works out the {@link MergePlan} and rewrites the
 * client's text for the shards. An ORDER BY or GROUP BY key the select list lacks is added after the client's
 * columns (hidden from the client later); AVG(x) is sent as SUM(x), keeping its column name, with a hidden
 * COUNT(x); a LIMIT becomes {@code LIMIT offset + count} on each shard when the rows are not grouped, and is
 * dropped otherwise (a shard's partial groups cannot be cut) unless the grouping streams ({@link StreamOrder},
 * which also has the shards sort their rows by the group keys); HAVING is taken out of the shards' text and
 * evaluated on the merged groups. What the merge cannot compute exactly is refused: WITH ROLLUP, DISTINCT inside
 * COUNT/SUM/AVG, other aggregate functions, expressions over aggregates, window functions, SQL_CALC_FOUND_ROWS,
 * SELECT ... INTO, HAVING conditions beyond comparisons. Only the statement's own SELECT is read and edited:
 * subqueries, derived tables and WITH queries (whose rows are exact on each shard, or the statement would not
 * reach several) keep their ORDER BY, LIMIT, GROUP BY and aggregates as written.
 */
public final class MergeRewriter {
    private static final Map<String, Aggregate> MERGEABLE = Map.of("COUNT", Aggregate.COUNT, "SUM", Aggregate.SUM,
            "MIN", Aggregate.MIN, "MAX", Aggregate.MAX, "AVG", Aggregate.AVG);
    private static final Set<String> OTHER_AGGREGATES = Set.of("GROUP_CONCAT", "STD", "STDDEV", "STDDEV_POP",
            "STDDEV_SAMP", "VARIANCE", "VAR_POP", "VAR_SAMP", "BIT_AND", "BIT_OR", "BIT_XOR", "JSON_ARRAYAGG",
            "JSON_OBJECTAGG");
    private static final Set<String> REFUSED_WORDS = Set.of("SQL_CALC_FOUND_ROWS", "INTO", "OVER", "WINDOW");

    /** The shards' text and how to merge their rows. */
    public record Rewrite(String sql, MergePlan plan) {}

    /** An aggregate call in the text: its kind, the function name's token, its argument range (inside the parentheses). */
    private record Call(Aggregate kind, int nameToken, Range arguments) {}

    private final SelectText text;
    private final String table;
    private final List<Range> expressions = new ArrayList<>();
    private final List<String> aliases = new ArrayList<>();
    private final List<String> hidden = new ArrayList<>();
    private final Map<Slot, Aggregate> aggregates = new LinkedHashMap<>();
    private final Map<Slot, Slot> averageCounts = new HashMap<>();
    private final Map<Slot, Slot> distinctValues = new HashMap<>();
    /** Expressions the shards group by besides the client's keys: the values behind COUNT(DISTINCT ...). */
    private final List<String> extraGroupBy = new ArrayList<>();
    private final Map<Integer, String> replacedTokens = new HashMap<>();
    private final Map<Integer, String> appendedAfterToken = new HashMap<>();
    private boolean star;

    private MergeRewriter(SelectText text, String table) {
        this.text = text;
        this.table = table;
    }

    /**
     * @param tokens the client's SELECT
     * @param select its parsed form (aliases are read from it)
     * @param table the sharded table, for messages
     * @return null when the shards' rows need no merge (concatenated, they are the answer)
     * @throws ShardingException when the merge could not give exactly one server's answer
     */
    public static Rewrite of(Tokens tokens, PlainSelect select, String table) {
        NestedSelects nested = NestedSelects.of(tokens);
        for (int i = 0; i < tokens.size(); i++) {
            if (tokens.type(i) == TokenType.WORD && !nested.contains(i) && REFUSED_WORDS.contains(tokens.upperWord(i))) {
                throw refusal(table, tokens.upperWord(i));
            }
        }
        SelectText text = SelectText.of(tokens, nested);
        if (text == null || text.items.size() != select.getSelectItems().size()) {
            throw new ShardingException("Shardline cannot follow the select list of this SELECT on sharded table "
                    + table + " to merge the shards' rows");
        }
        if (text.rollup) {
            throw refusal(table, "GROUP BY ... WITH ROLLUP");
        }
        return new MergeRewriter(text, table).rewrite(select.getSelectItems());
    }

    private static ShardingException refusal(String table, String feature) {
        return new ShardingException("a SELECT on sharded table " + table + " that reaches several shards uses "
                + feature + ", which Shardline cannot merge across shards yet; give the sharding column(s) in"
                + " WHERE (=, IN) so that it runs on one shard");
    }

    private Rewrite rewrite(List<SelectItem<?>> items) {
        boolean anyAggregate = false;
        for (int i = 0; i < items.size(); i++) {
            Range item = text.items.get(i);
            String alias = items.get(i).getAlias() == null ? null : Identifiers.plain(items.get(i).getAlias().getName());
            Range expression = alias == null ? item : withoutAlias(item);
            expressions.add(expression);
            aliases.add(alias);
            star |= isStar(expression);
            Call call = call(expression);
            if (call != null) {
                anyAggregate = true;
                aggregates.put(Slot.visible(i), call.kind());
                if (call.kind() == Aggregate.COUNT_DISTINCT) {
                    distinctValues.put(Slot.visible(i), distinctValue(call));
                }
                if (call.kind() == Aggregate.AVG) {
                    replacedTokens.put(call.nameToken(), "SUM");
                    if (alias == null) {
                        appendedAfterToken.put(expression.end() - 1, " AS " + quoted(text.text(expression)));
                    }
                    averageCounts.put(Slot.visible(i), addHidden("COUNT(" + text.text(call.arguments()) + ")",
                            Aggregate.COUNT));
                }
            } else {
                refuseNestedAggregate(expression);
            }
        }
        boolean grouped = anyAggregate || !text.groupBy.isEmpty();
        if (grouped && star) {
            throw refusal(table, "SELECT * with GROUP BY or aggregate functions");
        }
        List<Slot> groupKeys = new ArrayList<>();
        for (Range each : text.groupBy) {
            groupKeys.add(resolve(each, false));
        }
        List<SortKey> order = new ArrayList<>();
        for (int k = 0; k < text.orderBy.size(); k++) {
            order.add(new SortKey(resolve(text.orderBy.get(k), grouped), text.descending.get(k)));
        }
        Condition having = text.having == null ? null : HavingReader.read(text.tokens,
                new Range(text.having.start() + 1, text.having.end()), range -> resolve(range, grouped), table);
        if (text.distinct && order.stream().anyMatch(each -> each.slot().hidden())) {
            throw refusal(table, "SELECT DISTINCT with ORDER BY keys outside the select list");
        }
        long[] limit = limit();
        if (!grouped && !text.distinct && order.isEmpty() && limit == null && having == null) {
            return null;
        }
        MergePlan plan = streamed(new MergePlan(hidden.size(), grouped, groupKeys, aggregates, averageCounts,
                text.distinct, order, limit == null ? 0 : limit[0], limit == null ? -1 : limit[1], having,
                distinctValues));
        boolean cutsGroups = (grouped || text.distinct) && !StreamOrder.limitsShards(plan);
        String pushedLimit = limit == null ? null : cutsGroups || having != null ? ""
                : "LIMIT " + saturatedSum(limit[0], limit[1]);
        return new Rewrite(sql(pushedLimit), plan);
    }

    /**
     * The plan with its grouping streamed when {@link StreamOrder} allows it; the shards are then told to sort
     * their rows by the keys when the client gave no ORDER BY (MySQL 8 does not sort GROUP BY's output).
     */
    private MergePlan streamed(MergePlan plan) {
        List<SortKey> streamOrder = StreamOrder.of(plan, star ? -1 : expressions.size());
        if (streamOrder.isEmpty()) {
            return plan;
        }
        if (text.orderBy.isEmpty()) {
            List<String> keys = new ArrayList<>();
            if (text.groupBy.isEmpty()) {
                streamOrder.forEach(each -> keys.add(String.valueOf(each.slot().index() + 1)));
            } else {
                text.groupBy.forEach(each -> keys.add(text.text(each)));
            }
            // After the grouping, where ORDER BY goes; HAVING after it is taken out, a LIMIT stays after it.
            appendedAfterToken.merge(text.afterGrouping - 1, " ORDER BY " + String.join(", ", keys), String::concat);
        }
        return plan.streamedIn(streamOrder);
    }

    /** A GROUP BY or ORDER BY key as a column of the shards' rows: a position, an alias, a select item, or hidden. */
    private Slot resolve(Range key, boolean aggregatesAllowed) {
        Tokens tokens = text.tokens;
        if (key.end() - key.start() == 1 && tokens.type(key.start()) == TokenType.NUMBER) {
            int position = Integer.parseInt(tokens.text(key.start()));
            if (position < 1 || !star && position > expressions.size()) {
                throw new ShardingException("Unknown column '" + position + "' in 'order clause'", 1054, "42S22");
            }
            return Slot.visible(position - 1);
        }
        if (key.end() - key.start() == 1) {
            String name = Identifiers.plain(tokens.text(key.start()));
            for (int i = 0; i < aliases.size(); i++) {
                if (name.equalsIgnoreCase(aliases.get(i))) {
                    return Slot.visible(i);
                }
            }
        }
        String normalized = text.normalized(key);
        for (int i = 0; i < expressions.size(); i++) {
            if (!isStar(expressions.get(i)) && text.normalized(expressions.get(i)).equals(normalized)) {
                return Slot.visible(i);
            }
        }
        String column = columnName(key);
        if (column != null) {
            for (int i = 0; i < expressions.size(); i++) {
                if (column.equals(columnName(expressions.get(i))) && aliases.get(i) == null) {
                    return Slot.visible(i);
                }
            }
        }
        Call call = call(key);
        if (call == null) {
            refuseNestedAggregate(key);
            return addHidden(text.text(key), Aggregate.FIRST);
        }
        if (!aggregatesAllowed) {
            throw new ShardingException("Can't group on '" + text.text(key) + "'", 1056, "42000");
        }
        if (call.kind() == Aggregate.COUNT_DISTINCT) {
            Slot count = addHidden(text.text(key), Aggregate.COUNT_DISTINCT);
            distinctValues.put(count, distinctValue(call));
            return count;
        }
        if (call.kind() != Aggregate.AVG) {
            return addHidden(text.text(key), call.kind());
        }
        Slot sum = addHidden("SUM(" + text.text(call.arguments()) + ")", Aggregate.AVG);
        averageCounts.put(sum, addHidden("COUNT(" + text.text(call.arguments()) + ")", Aggregate.COUNT));
        return sum;
    }

    /** The hidden column with the value a COUNT(DISTINCT x) counts, which the shards also group by. */
    private Slot distinctValue(Call call) {
        String value = text.text(new Range(call.arguments().start() + 1, call.arguments().end()));
        if (!extraGroupBy.contains(value)) {
            extraGroupBy.add(value);
        }
        return addHidden(value, Aggregate.FIRST);
    }

    private Slot addHidden(String expression, Aggregate kind) {
        int existing = hidden.indexOf(expression);
        if (existing >= 0 && aggregates.getOrDefault(Slot.hidden(existing), Aggregate.FIRST) == kind) {
            return Slot.hidden(existing);
        }
        hidden.add(expression);
        Slot slot = Slot.hidden(hidden.size() - 1);
        if (kind != Aggregate.FIRST) {
            aggregates.put(slot, kind);
        }
        return slot;
    }

    /** The aggregate call the range consists of, or null when it is none; refuses what cannot be merged. */
    private Call call(Range range) {
        Tokens tokens = text.tokens;
        if (tokens.type(range.start()) != TokenType.WORD || tokens.type(range.start() + 1) != TokenType.LPAREN
                || tokens.type(range.end() - 1) != TokenType.RPAREN || closing(range.start() + 1) != range.end() - 1) {
            return null;
        }
        String name = tokens.upperWord(range.start());
        if (OTHER_AGGREGATES.contains(name)) {
            throw refusal(table, name + "()");
        }
        Aggregate kind = MERGEABLE.get(name);
        if (kind == null) {
            return null;
        }
        Range arguments = new Range(range.start() + 2, range.end() - 1);
        boolean distinct = tokens.isWord(arguments.start(), "DISTINCT");
        if (distinct && kind == Aggregate.COUNT) {
            for (int i = arguments.start() + 1, depth = 0; i < arguments.end(); i++) {
                depth += tokens.type(i) == TokenType.LPAREN ? 1 : tokens.type(i) == TokenType.RPAREN ? -1 : 0;
                if (depth == 0 && tokens.type(i) == TokenType.COMMA) {
                    throw refusal(table, "COUNT(DISTINCT ...) of several expressions");
                }
            }
            kind = Aggregate.COUNT_DISTINCT;
        } else if (distinct && kind != Aggregate.MIN && kind != Aggregate.MAX) {
            throw refusal(table, name + "(DISTINCT ...)");
        }
        refuseNestedAggregate(arguments);
        return new Call(kind, range.start(), arguments);
    }

    /**
     * Refuses aggregate calls inside a larger expression (their value would need computing after the merge). A
     * subquery's own aggregates are computed by the subquery on each shard, so they do not count.
     */
    private void refuseNestedAggregate(Range range) {
        Tokens tokens = text.tokens;
        for (int i = range.start(); i < range.end(); i++) {
            if (tokens.type(i) == TokenType.WORD && tokens.type(i + 1) == TokenType.LPAREN && !text.nested.contains(i)) {
                String name = tokens.upperWord(i);
                if (MERGEABLE.containsKey(name) || OTHER_AGGREGATES.contains(name)) {
                    throw refusal(table, "an expression over " + name + "()");
                }
            }
        }
    }

    private int closing(int open) {
        int depth = 0;
        for (int i = open; i < text.tokens.size(); i++) {
            TokenType type = text.tokens.type(i);
            if (type == TokenType.LPAREN) {
                depth++;
            } else if (type == TokenType.RPAREN && --depth == 0) {
                return i;
            }
        }
        return -1;
    }

    private Range withoutAlias(Range item) {
        int end = item.end() - 1;
        if (text.tokens.isWord(end - 1, "AS")) {
            end--;
        }
        return new Range(item.start(), end);
    }

    private boolean isStar(Range range) {
        Tokens tokens = text.tokens;
        int last = range.end() - 1;
        return "*".equals(tokens.text(last)) && (range.end() - range.start() == 1
                || tokens.type(last - 1) == TokenType.DOT);
    }

    /** The column a range names ({@code amount}, {@code o.amount}), lower case; null when it is no plain column. */
    private String columnName(Range range) {
        Tokens tokens = text.tokens;
        int length = range.end() - range.start();
        boolean name = tokens.type(range.end() - 1) == TokenType.WORD
                || tokens.type(range.end() - 1) == TokenType.QUOTED_IDENT;
        if (name && (length == 1 || length == 3 && tokens.type(range.start() + 1) == TokenType.DOT)) {
            return Identifiers.plain(tokens.text(range.end() - 1)).toLowerCase(Locale.ROOT);
        }
        return null;
    }

    /** {offset, count} of the LIMIT clause, null when there is none. */
    private long[] limit() {
        if (text.limit == null) {
            return null;
        }
        Tokens tokens = text.tokens;
        List<Long> numbers = new ArrayList<>();
        boolean offsetWord = false;
        for (int i = text.limit.start() + 1; i < text.limit.end(); i++) {
            TokenType type = tokens.type(i);
            if (type == TokenType.NUMBER) {
                numbers.add(Long.parseLong(tokens.text(i)));
            } else if (tokens.isWord(i, "OFFSET")) {
                offsetWord = true;
            } else if (type != TokenType.COMMA) {
                throw refusal(table, "a LIMIT that is not made of numbers");
            }
        }
        if (numbers.size() == 1) {
            return new long[] {0, numbers.get(0)};
        }
        if (numbers.size() != 2) {
            throw refusal(table, "this LIMIT clause");
        }
        return offsetWord ? new long[] {numbers.get(1), numbers.get(0)} : new long[] {numbers.get(0), numbers.get(1)};
    }

    private static long saturatedSum(long left, long right) {
        long sum = left + right;
        return sum < 0 ? Long.MAX_VALUE : sum;
    }

    /** The client's text with the edits: AVG as SUM, hidden columns before FROM, the LIMIT replaced or dropped. */
    private String sql(String pushedLimit) {
        Tokens tokens = text.tokens;
        String source = tokens.source();
        StringBuilder result = new StringBuilder(source.length() + 64);
        int copied = 0;
        for (int i = 0; i < tokens.size(); i++) {
            if (i == text.from && !hidden.isEmpty()) {
                result.append(source, copied, tokens.start(i));
                // The FROM keeps its own leading space: ", h1, h2 FROM".
                trimTrailingSpace(result);
                result.append(", ").append(String.join(", ", hidden)).append(' ');
                copied = tokens.start(i);
            }
            if (!extraGroupBy.isEmpty() && !text.groupBy.isEmpty()
                    && i == text.groupBy.get(text.groupBy.size() - 1).end()) {
                result.append(source, copied, tokens.start(i));
                trimTrailingSpace(result);
                result.append(", ").append(String.join(", ", extraGroupBy)).append(' ');
                copied = tokens.start(i);
            } else if (!extraGroupBy.isEmpty() && text.groupBy.isEmpty() && i == text.afterGrouping) {
                result.append(source, copied, tokens.start(i));
                trimTrailingSpace(result);
                result.append(" GROUP BY ").append(String.join(", ", extraGroupBy)).append(' ');
                copied = tokens.start(i);
            }
            if (text.having != null && i == text.having.start()) {
                // Each shard must return all its groups: one failing HAVING there may pass once merged.
                result.append(source, copied, tokens.start(i));
                trimTrailingSpace(result);
                copied = text.having.end() < tokens.size() ? tokens.start(text.having.end()) : source.length();
                if (text.having.end() < tokens.size()) {
                    result.append(' ');
                }
                i = text.having.end() - 1;
                continue;
            }
            if (text.limit != null && i == text.limit.start() && pushedLimit != null) {
                result.append(source, copied, tokens.start(i));
                if (pushedLimit.isEmpty()) {
                    trimTrailingSpace(result);
                }
                result.append(pushedLimit);
                copied = tokens.end(text.limit.end() - 1);
                i = text.limit.end() - 1;
                continue;
            }
            String replacement = replacedTokens.get(i);
            if (replacement != null) {
                result.append(source, copied, tokens.start(i)).append(replacement);
                copied = tokens.end(i);
            }
            String appended = appendedAfterToken.get(i);
            if (appended != null) {
                result.append(source, copied, tokens.end(i)).append(appended);
                copied = tokens.end(i);
            }
        }
        if (!extraGroupBy.isEmpty() && (text.groupBy.isEmpty() ? text.afterGrouping
                : text.groupBy.get(text.groupBy.size() - 1).end()) >= tokens.size()) {
            // the grouping ends the statement: the shards' extra keys go at the very end
            String rest = source.substring(copied);
            result.append(rest.stripTrailing()).append(text.groupBy.isEmpty() ? " GROUP BY " : ", ")
                    .append(String.join(", ", extraGroupBy));
            return result.toString();
        }
        return result.append(source.substring(copied)).toString();
    }

    private static void trimTrailingSpace(StringBuilder text) {
        while (!text.isEmpty() && Character.isWhitespace(text.charAt(text.length() - 1))) {
            text.setLength(text.length() - 1);
        }
    }

    private static String quoted(String name) {
        return "`" + name.replace("`", "``") + "`";
    }
}
