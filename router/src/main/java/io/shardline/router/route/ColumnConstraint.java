package io.shardline.router.route;

import io.shardline.router.algorithm.ValueRange;
import java.util.List;

/** What one condition of a WHERE clause says about a column: equal to one of some values, or within a range. */
public sealed interface ColumnConstraint {
    /** {@code col = v} or {@code col IN (v1, v2, ...)}. */
    record OneOf(List<Object> values) implements ColumnConstraint {
        public OneOf {
            values = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(values)); // NULL allowed
        }
    }

    /** {@code col BETWEEN a AND b}, {@code col > a}, {@code col <= b}, ... */
    record Within(ValueRange range) implements ColumnConstraint {}
}
