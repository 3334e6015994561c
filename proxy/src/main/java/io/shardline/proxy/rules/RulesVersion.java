package io.shardline.proxy.rules;

import io.shardline.router.algorithm.Snowflake;
import io.shardline.router.plan.ShardPlanner;
import io.shardline.router.rule.RuleChange;
import io.shardline.router.rule.ShardingRules;
import java.time.Instant;
import java.util.List;

/**
 * One version of the sharding rules in force, with what runs them: the planner (its safety switch is a rule) and
 * the key generator (its worker id is one). Immutable; {@link LiveRules} swaps whole versions.
 *
 * @param version  1 at start, then one more per change applied
 * @param source   how it came: {@code startup}, {@code apply}, {@code rollback} or {@code reload}
 * @param text     the {@code sharding:} section as written (empty when the configuration has none)
 * @param changes  what changed from the version before it
 */
public record RulesVersion(int version, Instant appliedAt, String source, ShardingRules rules, String text,
                           List<RuleChange> changes, ShardPlanner planner, Snowflake keys) {
    public RulesVersion {
        changes = List.copyOf(changes);
    }
}
