package io.shardline.proxy.rules;

import io.shardline.proxy.config.RulesText;
import io.shardline.router.algorithm.Snowflake;
import io.shardline.router.plan.ShardPlanner;
import io.shardline.router.rule.RuleChange;
import io.shardline.router.rule.RulesDiff;
import io.shardline.router.rule.ShardingRules;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The sharding rules in force, swapped whole while clients run. The query path reads one volatile reference per
 * statement ({@link #get}); a statement keeps the version it started with, the next one sees the new rules. No
 * statement is stopped and no connection dropped by a change.
 *
 * <p>A change that would move stored rows ({@link RulesDiff}) is refused unless forced: the rows would stay where
 * the old rules put them while the new ones look elsewhere, so clients would silently miss them. Forcing is for a
 * DBA who has moved the rows already. Changes are serialized (one writer at a time); the last {@link #KEPT} versions
 * are kept for history and rollback.
 */
public final class LiveRules implements Supplier<ShardingRules> {
    /** Versions kept in memory for history and rollback. */
    public static final int KEPT = 100;

    private final Clock clock;
    private final Deque<RulesVersion> history = new ArrayDeque<>();
    private final List<Consumer<RulesVersion>> listeners = new CopyOnWriteArrayList<>();
    private volatile RulesVersion current;

    /**
     * @param text      the {@code sharding:} section the rules were read from, as written
     * @param maxShapes how many parsed statement shapes each planner keeps
     */
    public LiveRules(ShardingRules initial, String text, long maxShapes, Clock clock) {
        this.clock = clock;
        this.current = new RulesVersion(1, clock.instant(), "startup", initial, text, List.of(),
                new ShardPlanner(maxShapes, initial.allowFullTableWrites()), keysOf(initial));
        history.addLast(current);
    }

    /** The rules in force (the hot path: one volatile read). */
    @Override
    public ShardingRules get() {
        return current.rules();
    }

    public RulesVersion current() {
        return current;
    }

    /** Called after each change, on the thread that made it (e.g. to drop cached results of the old rules). */
    public void onChange(Consumer<RulesVersion> listener) {
        listeners.add(listener);
    }

    /** What applying {@code proposed} would change. */
    public List<RuleChange> diff(ShardingRules proposed) {
        return RulesDiff.between(current.rules(), proposed);
    }

    /**
     * Puts {@code proposed} in force as a new version; with no change at all, nothing happens and the current
     * version is returned.
     *
     * @param source how it came (see {@link RulesVersion#source})
     * @param force  apply even when stored rows would move (the DBA moved them)
     * @throws RulesRefusedException when rows would move and {@code force} is off
     */
    public synchronized RulesVersion apply(RulesText proposed, String source, boolean force)
            throws RulesRefusedException {
        RulesVersion before = current;
        List<RuleChange> changes = RulesDiff.between(before.rules(), proposed.rules());
        if (changes.isEmpty()) {
            return before;
        }
        if (!force && RulesDiff.movesRows(changes)) {
            throw new RulesRefusedException("not applied: the change would move stored rows (" + moving(changes)
                    + "); move the data first, then apply with force, or change the rules another way", changes);
        }
        ShardingRules rules = proposed.rules();
        ShardPlanner planner = before.planner().withFullTableWrites(rules.allowFullTableWrites());
        Snowflake keys = rules.workerId() == before.rules().workerId()
                && rules.maxClockRollback().equals(before.rules().maxClockRollback()) ? before.keys() : keysOf(rules);
        RulesVersion next = new RulesVersion(before.version() + 1, clock.instant(), source, rules,
                proposed.section(), changes, planner, keys);
        current = next;
        history.addLast(next);
        while (history.size() > KEPT) {
            history.removeFirst();
        }
        listeners.forEach(each -> each.accept(next));
        return next;
    }

    /**
     * Goes back to an earlier version's rules, as a new version.
     *
     * @param version the version to go back to; null for the one before the current
     * @throws IllegalArgumentException when that version is not kept
     */
    public synchronized RulesVersion rollback(Integer version, boolean force) throws RulesRefusedException {
        int wanted = version != null ? version : current.version() - 1;
        for (RulesVersion each : history) {
            if (each.version() == wanted) {
                return apply(new RulesText(each.rules(), each.text()), "rollback", force);
            }
        }
        throw new IllegalArgumentException("version " + wanted + " is not kept; kept: " + kept());
    }

    /** The versions kept, oldest first. */
    public synchronized List<RulesVersion> history() {
        return List.copyOf(history);
    }

    private String kept() {
        return history.isEmpty() ? "none" : history.getFirst().version() + ".." + history.getLast().version();
    }

    private static String moving(List<RuleChange> changes) {
        List<String> result = new ArrayList<>();
        for (RuleChange each : changes) {
            if (each.movesRows()) {
                result.add(each.object() + ": " + each.detail());
            }
        }
        return String.join("; ", result);
    }

    private static Snowflake keysOf(ShardingRules rules) {
        return new Snowflake(rules.workerId(), System::currentTimeMillis, rules.maxClockRollback());
    }
}
