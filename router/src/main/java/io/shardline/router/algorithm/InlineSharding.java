package io.shardline.router.algorithm;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code inline} (one column) and {@code complex} (several): the target's name is computed by a small, safe
 * expression such as {@code t_order_${order_id % 4}} or {@code t_${(user_id + tenant_id) % 8}}
 * ({@link InlineTemplate}: integer arithmetic, strings, no script engine). Ranges cannot be narrowed.
 */
public record InlineSharding(InlineTemplate template, String text) implements ShardingAlgorithm {

    public static InlineSharding of(String text) {
        return new InlineSharding(InlineTemplate.parse(text), text);
    }

    @Override
    public Set<String> columns() {
        return template.columns();
    }

    @Override
    public String target(List<String> targets, Map<String, Object> values) {
        for (String each : template.columns()) {
            if (values.get(each) == null) {
                throw new ShardingException("inline '" + text + "' needs a value for " + each
                        + (values.containsKey(each) ? ", got NULL" : ""));
            }
        }
        String target;
        try {
            target = template.evaluate(values);
        } catch (IllegalArgumentException e) {
            throw new ShardingException("inline '" + text + "': " + e.getMessage());
        }
        if (!targets.contains(target)) {
            throw new ShardingException("inline '" + text + "' gives " + target + " for " + values
                    + ", which is not among the data nodes " + targets + "; make the expression and the data nodes"
                    + " agree");
        }
        return target;
    }

    @Override
    public List<String> targets(List<String> targets, String column, ValueRange range) {
        return targets;
    }
}
