package io.shardline.router.classify;

import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The result of {@link Classifier#classify(String)}.
 *
 * @param kind            kind of the first non-empty statement; EMPTY when there is none
 * @param flags           union of the flags of all statements; unmodifiable
 * @param statementCount  number of non-empty statements
 * @param leadingComments comments before the first keyword, in order, as
 *                        {@link io.shardline.router.sql.Tokens#commentBody} gives them: markers removed and whitespace
 *                        stripped ({@code /* master *}{@code /} is
 *                        {@code "master"}, {@code -- x} is {@code "x"}), and a hint keeps its plus sign
 *                        ({@code /*+ shardline:primary *}{@code /} is {@code "+shardline:primary"})
 * @param kill            the target of a KILL that names one thread id, else null
 */
public record Classification(
        StatementKind kind,
        Set<StatementFlag> flags,
        int statementCount,
        List<String> leadingComments,
        KillCommand kill) {

    public Classification {
        EnumSet<StatementFlag> copy = EnumSet.noneOf(StatementFlag.class);
        copy.addAll(flags);
        flags = Collections.unmodifiableSet(copy);
        leadingComments = List.copyOf(leadingComments);
    }

    public boolean has(StatementFlag flag) {
        return flags.contains(flag);
    }
}
