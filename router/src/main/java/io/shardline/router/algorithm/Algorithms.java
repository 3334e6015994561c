package io.shardline.router.algorithm;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Builds a {@link ShardingAlgorithm} from a rule's {@link AlgorithmSpec}: one switch, no plug-in lookup. Every
 * mistake is an {@link IllegalArgumentException} that says what to write instead.
 */
public final class Algorithms {
    public static final List<String> TYPES = List.of("mod", "hash-mod", "range", "interval", "inline", "complex");

    private Algorithms() {}

    public static ShardingAlgorithm create(AlgorithmSpec spec) {
        String type = spec.type() == null ? "" : spec.type().strip().toLowerCase(Locale.ROOT);
        return switch (type) {
            case "mod" -> new ModSharding(oneColumn(spec, type), count(spec, type));
            case "hash-mod" -> new HashModSharding(oneColumn(spec, type), count(spec, type));
            case "range" -> new RangeSharding(oneColumn(spec, type), boundaries(spec));
            case "interval" -> new IntervalSharding(oneColumn(spec, type), unit(spec), spec.settings().get("suffix"));
            case "inline", "complex" -> inline(spec, type);
            default -> throw new IllegalArgumentException("unknown sharding algorithm '" + spec.type()
                    + "'; use one of " + TYPES);
        };
    }

    private static String oneColumn(AlgorithmSpec spec, String type) {
        if (spec.columns().size() != 1) {
            throw new IllegalArgumentException(type + " shards by exactly one column, got " + spec.columns()
                    + (spec.columns().size() > 1 ? "; use complex for several" : ""));
        }
        return spec.columns().get(0);
    }

    private static int count(AlgorithmSpec spec, String type) {
        String text = required(spec, "count", type + " needs count: the number of shards");
        try {
            int count = Integer.parseInt(text.strip());
            if (count < 1) {
                throw new NumberFormatException();
            }
            return count;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(type + " count must be a whole number of at least 1, got '" + text
                    + "'");
        }
    }

    private static List<BigDecimal> boundaries(AlgorithmSpec spec) {
        String text = required(spec, "boundaries", "range needs boundaries, e.g. boundaries: [1000000, 2000000]");
        List<BigDecimal> result = new ArrayList<>();
        for (String each : text.replace("[", "").replace("]", "").split(",")) {
            if (each.isBlank()) {
                continue;
            }
            try {
                result.add(new BigDecimal(each.strip()));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("range boundary '" + each.strip() + "' is not a number");
            }
        }
        return result;
    }

    private static IntervalSharding.Unit unit(AlgorithmSpec spec) {
        String text = required(spec, "unit", "interval needs unit: day, month or year");
        try {
            return IntervalSharding.Unit.valueOf(text.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("interval unit '" + text + "' is not one of day, month, year");
        }
    }

    private static InlineSharding inline(AlgorithmSpec spec, String type) {
        String text = required(spec, "expression", type + " needs expression, e.g. t_order_${order_id % 4}");
        InlineSharding result = InlineSharding.of(text);
        Set<String> declared = Set.copyOf(spec.columns());
        if (!declared.equals(result.columns())) {
            throw new IllegalArgumentException(type + " expression '" + text + "' uses " + result.columns()
                    + " but the strategy's sharding columns are " + spec.columns() + "; make them the same");
        }
        if (type.equals("inline") && declared.size() != 1) {
            throw new IllegalArgumentException("inline shards by exactly one column, got " + spec.columns()
                    + "; use complex for several");
        }
        return result;
    }

    private static String required(AlgorithmSpec spec, String key, String hint) {
        String value = spec.settings().get(key);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(hint);
        }
        return value;
    }
}
