package io.shardline.router.rule;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The data nodes of a sharded table as a DBA writes them, ShardingSphere style: {@code ds_${0..1}.t_order_${0..3}}
 * is the 8 nodes ds_0.t_order_0, ds_0.t_order_1, ..., ds_1.t_order_3, leftmost hole varying slowest.
 *
 * <p>The forms read: literal name text; ranges {@code ${0..3}}, {@code ${0..<4}} (end left out) and
 * {@code ${00..11}} (leading zeros keep the width: 00, 01, ..., 11); lists {@code ${[0, 2, 5]}} and
 * {@code ${['a', 'b']}}; several holes per name; several expressions separated by top-level commas
 * ({@code ds_0.t_order_${0..1}, ds_1.t_order_${2..3}}). Refused, each with a message that quotes the expression and
 * says how to fix it: anything else inside {@code ${...}}, ranges that count down or are empty, more than
 * 100000 nodes, names without exactly one '.', and nodes listed twice.
 */
public final class DataNodeExpression {

    private static final String KIND = "data node expression";
    private static final String NAME_LIST = "name list";

    private final String text;
    private final List<DataNode> nodes;

    private DataNodeExpression(String text, List<DataNode> nodes) {
        this.text = text;
        this.nodes = List.copyOf(nodes);
    }

    /**
     * The nodes {@code text} declares.
     *
     * @throws IllegalArgumentException quoting the expression, saying where (column, from 1) and what is wrong
     *     and how to fix it
     */
    public static DataNodeExpression parse(String text) {
        List<NamePattern> pieces = NamePatternParser.parse(KIND, "ds_${0..1}.t_order_${0..3}", text);
        List<DataNode> result = new ArrayList<>();
        Set<DataNode> seen = new HashSet<>();
        for (NamePattern piece : pieces) {
            checkOneDot(text, piece);
            for (String each : piece.expand()) {
                int dot = each.indexOf('.');
                DataNode node = new DataNode(each.substring(0, dot), each.substring(dot + 1));
                if (!seen.add(node)) {
                    throw NamePatternParser.problem(KIND, text,
                            "data node " + node + " comes out twice; list each data node once");
                }
                result.add(node);
            }
        }
        return new DataNodeExpression(text, result);
    }

    /**
     * The plain names, without a dot, that {@code text} stands for, in order: {@code ds_${0..1}, ds_archive} is
     * [ds_0, ds_1, ds_archive]. For lists of data sources; the forms and errors are those of {@link #parse}.
     */
    public static List<String> expand(String text) {
        List<NamePattern> pieces = NamePatternParser.parse(NAME_LIST, "ds_${0..1}", text);
        List<String> result = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (NamePattern piece : pieces) {
            if (!piece.dots().isEmpty()) {
                throw NamePatternParser.problem(NAME_LIST, text, "'.' at column " + (piece.dots().get(0) + 1)
                        + ": a name list holds plain names such as ds_${0..1}, without '.'");
            }
            for (String each : piece.expand()) {
                if (!seen.add(each)) {
                    throw NamePatternParser.problem(NAME_LIST, text,
                            "name " + each + " comes out twice; list each name once");
                }
                result.add(each);
            }
        }
        return List.copyOf(result);
    }

    /** The expression as written. */
    public String text() {
        return text;
    }

    /** Every node, in the order the expression declares them; unmodifiable. */
    public List<DataNode> nodes() {
        return nodes;
    }

    @Override
    public String toString() {
        return text;
    }

    /** A name of a piece has the piece's literal dots, since no value from ${...} holds one. */
    private static void checkOneDot(String text, NamePattern piece) {
        String written = "'" + text.substring(piece.start(), piece.end()) + "' at column " + (piece.start() + 1);
        List<Integer> dots = piece.dots();
        if (dots.size() != 1) {
            throw NamePatternParser.problem(KIND, text, written + " has " + (dots.isEmpty() ? "no" : dots.size())
                    + " '.'; a data node has exactly one, between data source and table, as in"
                    + " ds_${0..1}.t_order_${0..3}");
        }
        int dot = dots.get(0);
        if (dot == piece.start() || dot == piece.end() - 1) {
            throw NamePatternParser.problem(KIND, text, written + " has no " + (dot == piece.start()
                    ? "data source before" : "table after") + " its '.'; write <data source>.<table>");
        }
    }
}
