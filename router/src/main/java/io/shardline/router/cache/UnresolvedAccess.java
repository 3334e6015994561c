package io.shardline.router.cache;

import io.shardline.router.sql.TableName;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

/**
 * A statement's {@link TableAccess} before the session's default schema is known: the names as written, schema
 * qualifier where there is one. This is what one statement shape's analysis yields, so it is what gets cached.
 */
record UnresolvedAccess(Set<TableName> read, Set<TableName> written, boolean unknown) {
    static final UnresolvedAccess NONE = new UnresolvedAccess(Set.of(), Set.of(), false);
    static final UnresolvedAccess UNKNOWN = new UnresolvedAccess(Set.of(), Set.of(), true);

    UnresolvedAccess {
        read = java.util.Collections.unmodifiableSet(new LinkedHashSet<>(read));
        written = java.util.Collections.unmodifiableSet(new LinkedHashSet<>(written));
    }

    static UnresolvedAccess writing(Set<TableName> written) {
        return new UnresolvedAccess(Set.of(), written, false);
    }

    /**
     * Unqualified names in {@code defaultSchema} (compared lower case, like every name here); UNKNOWN when there
     * is an unqualified name and no default schema, as MySQL itself would not know the table.
     */
    TableAccess resolve(String defaultSchema) {
        if (unknown) {
            return TableAccess.UNKNOWN;
        }
        if (read.isEmpty() && written.isEmpty()) {
            return TableAccess.NONE;
        }
        String schema = defaultSchema == null ? null : defaultSchema.toLowerCase(Locale.ROOT);
        Set<String> resolvedRead = qualified(read, schema);
        Set<String> resolvedWritten = qualified(written, schema);
        if (resolvedRead == null || resolvedWritten == null) {
            return TableAccess.UNKNOWN;
        }
        return new TableAccess(resolvedRead, resolvedWritten, false);
    }

    private static Set<String> qualified(Set<TableName> names, String defaultSchema) {
        Set<String> result = new HashSet<>();
        for (TableName each : names) {
            String name = each.qualified(defaultSchema);
            if (name == null) {
                return null;
            }
            result.add(name);
        }
        return result;
    }
}
