package io.shardline.proxy.rules;

import io.shardline.router.rule.RuleChange;
import java.util.List;

/** A rules change that was not applied because it would move stored rows; the changes say which do. */
public final class RulesRefusedException extends Exception {
    private static final long serialVersionUID = 1L;
    private final transient List<RuleChange> changes;

    public RulesRefusedException(String message, List<RuleChange> changes) {
        super(message);
        this.changes = List.copyOf(changes);
    }

    public List<RuleChange> changes() {
        return changes;
    }
}
