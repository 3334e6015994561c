package io.shardline.proxy.execute;

import io.shardline.proxy.session.PinReason;
import java.util.EnumSet;
import java.util.Set;

/**
 * What a statement does to its session besides what the server reports: state the proxy must keep the connection
 * for (pins), state it releases, and whether LAST_INSERT_ID() must be valid on the connection that runs it.
 */
public record StatementTraits(boolean needsLastInsertId, Set<PinReason> pins, Set<PinReason> releases,
                              boolean holdForNextStatement) {
    public static final StatementTraits NONE = new StatementTraits(false, Set.of(), Set.of(), false);

    public static StatementTraits pinning(PinReason reason) {
        return new StatementTraits(false, EnumSet.of(reason), Set.of(), false);
    }
}
