package io.shardline.router.rule;

import java.util.ArrayList;
import java.util.List;

/**
 * One comma-separated piece of an inline expression, such as {@code ds_${0..1}.t_order_${0..3}}: a row of parts,
 * each a list of alternatives (literal text is a part with one alternative). It stands for every way of picking one
 * alternative per part, the leftmost part varying slowest, which is the order a DBA reads the expression in.
 *
 * @param start offset of the piece's first character in the expression
 * @param end offset just past its last character
 * @param parts the alternatives of each part, left to right; none is empty
 * @param dots offsets in the expression of the dots in the piece's literal text; an alternative from
 *     {@code ${...}} never holds a dot, so every name of the piece has exactly these dots
 */
record NamePattern(int start, int end, List<List<String>> parts, List<Integer> dots) {

    NamePattern {
        List<List<String>> copies = new ArrayList<>(parts.size());
        for (List<String> each : parts) {
            copies.add(List.copyOf(each));
        }
        parts = List.copyOf(copies);
        dots = List.copyOf(dots);
    }

    /** How many names it stands for, or {@code Long.MAX_VALUE} when that does not fit a long. */
    long size() {
        long result = 1;
        for (List<String> each : parts) {
            if (result > Long.MAX_VALUE / each.size()) {
                return Long.MAX_VALUE;
            }
            result *= each.size();
        }
        return result;
    }

    /** Every name it stands for, in order; callers check {@link #size()} first. */
    List<String> expand() {
        List<String> result = List.of("");
        for (List<String> part : parts) {
            List<String> longer = new ArrayList<>(result.size() * part.size());
            for (String prefix : result) {
                for (String each : part) {
                    longer.add(prefix + each);
                }
            }
            result = longer;
        }
        return result;
    }
}
