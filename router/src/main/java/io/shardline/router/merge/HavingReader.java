package io.shardline.router.merge;

import io.shardline.router.algorithm.ShardingException;
import io.shardline.router.merge.SelectText.Range;
import io.shardline.router.sql.TokenType;
import io.shardline.router.sql.Tokens;
import java.math.BigDecimal;
import java.util.Map;
import java.util.function.Function;

/**
 * Reads a HAVING clause from the client's tokens into a {@link Condition}: comparisons ({@code =, <>, !=, <, <=, >,
 * >=, <=>}) of aggregate calls, columns, aliases and literals, {@code IS [NOT] NULL}, joined by AND, OR, NOT and
 * parentheses. Anything else (arithmetic, functions other than the mergeable aggregates, subqueries) is refused,
 * since the merge cannot compute it.
 */
final class HavingReader {
    private static final Map<String, Condition.Comparison> OPERATORS = Map.of("=", Condition.Comparison.EQUAL,
            "<>", Condition.Comparison.NOT_EQUAL, "!=", Condition.Comparison.NOT_EQUAL, "<", Condition.Comparison.LESS,
            "<=", Condition.Comparison.LESS_OR_EQUAL, ">", Condition.Comparison.GREATER,
            ">=", Condition.Comparison.GREATER_OR_EQUAL, "<=>", Condition.Comparison.NULL_SAFE_EQUAL);

    private final Tokens tokens;
    private final int end;
    private final Function<Range, Slot> columns;
    private final String table;
    private int position;

    /**
     * @param clause the tokens after HAVING
     * @param columns where an operand (an aggregate call, a column, an alias) is among the shards' columns
     */
    private HavingReader(Tokens tokens, Range clause, Function<Range, Slot> columns, String table) {
        this.tokens = tokens;
        this.position = clause.start();
        this.end = clause.end();
        this.columns = columns;
        this.table = table;
    }

    static Condition read(Tokens tokens, Range clause, Function<Range, Slot> columns, String table) {
        HavingReader reader = new HavingReader(tokens, clause, columns, table);
        Condition result = reader.or();
        if (reader.position != reader.end) {
            throw reader.refusal();
        }
        return result;
    }

    private Condition or() {
        Condition result = and();
        while (word("OR") || symbol("||")) {
            position++;
            result = new Condition.Or(result, and());
        }
        return result;
    }

    private Condition and() {
        Condition result = not();
        while (word("AND") || symbol("&&")) {
            position++;
            result = new Condition.And(result, not());
        }
        return result;
    }

    private Condition not() {
        if (word("NOT") || symbol("!")) {
            position++;
            return new Condition.Not(not());
        }
        if (tokens.type(position) == TokenType.LPAREN) {
            position++;
            Condition inner = or();
            expect(TokenType.RPAREN);
            return inner;
        }
        Condition.Operand left = operand();
        if (word("IS")) {
            position++;
            boolean negated = word("NOT");
            position += negated ? 1 : 0;
            if (!word("NULL")) {
                throw refusal();
            }
            position++;
            return new Condition.IsNull(left, negated);
        }
        Condition.Comparison comparison = position < end ? OPERATORS.get(tokens.text(position)) : null;
        if (comparison == null) {
            throw refusal();
        }
        position++;
        return new Condition.Compare(comparison, left, operand());
    }

    private Condition.Operand operand() {
        TokenType type = tokens.type(position);
        if (position >= end) {
            throw refusal();
        }
        if (type == TokenType.NUMBER || symbol("-") && tokens.type(position + 1) == TokenType.NUMBER) {
            boolean negative = symbol("-");
            position += negative ? 1 : 0;
            BigDecimal value = new BigDecimal(tokens.text(position++));
            return new Condition.Literal(negative ? value.negate() : value);
        }
        if (type == TokenType.STRING) {
            String text = tokens.text(position++);
            return new Condition.Literal(text.substring(1, text.length() - 1).replace("''", "'"));
        }
        if (word("NULL")) {
            position++;
            return new Condition.Literal(null);
        }
        int start = position;
        if (type == TokenType.WORD && tokens.type(position + 1) == TokenType.LPAREN) {
            position++; // the function's name; its parentheses follow
            int depth = 0;
            do {
                if (tokens.type(position) == TokenType.LPAREN) {
                    depth++;
                } else if (tokens.type(position) == TokenType.RPAREN) {
                    depth--;
                }
                position++;
            } while (depth > 0 && position < end);
        } else if (type == TokenType.WORD || type == TokenType.QUOTED_IDENT) {
            position++;
            if (tokens.type(position) == TokenType.DOT) {
                position += 2;
            }
        } else {
            throw refusal();
        }
        return new Condition.Column(columns.apply(new Range(start, position)));
    }

    private boolean word(String upper) {
        return position < end && tokens.isWord(position, upper);
    }

    private boolean symbol(String text) {
        return position < end && tokens.type(position) == TokenType.OPERATOR && tokens.text(position).equals(text);
    }

    private void expect(TokenType type) {
        if (tokens.type(position) != type || position >= end) {
            throw refusal();
        }
        position++;
    }

    private ShardingException refusal() {
        return new ShardingException("a SELECT on sharded table " + table + " that reaches several shards has a"
                + " HAVING condition Shardline cannot evaluate across shards (it takes comparisons of aggregates,"
                + " grouped columns and literals, joined by AND, OR, NOT); give the sharding column(s) in WHERE so"
                + " that it runs on one shard");
    }
}
