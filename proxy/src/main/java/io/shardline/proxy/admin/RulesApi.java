package io.shardline.proxy.admin;

import io.netty.handler.codec.http.HttpResponseStatus;
import io.shardline.proxy.config.ConfigException;
import io.shardline.proxy.config.RulesText;
import io.shardline.proxy.rules.LiveRules;
import io.shardline.proxy.rules.RulesRefusedException;
import io.shardline.proxy.rules.RulesVersion;
import io.shardline.proxy.rules.RulesWriteBack;
import io.shardline.router.rule.RuleChange;
import io.shardline.router.rule.RulesDiff;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * {@code /api/rules*}: the sharding rules in force, and changing them live (docs/admin-api.md). A body is a
 * configuration file's text; only its {@code sharding:} section is read, validated against the data sources the
 * proxy runs with. Applied rules are written back into the proxy's configuration file.
 */
public final class RulesApi {
    private final LiveRules rules;
    /** The data sources running now (a configuration reload may add some): rules may name only those. */
    private final Supplier<Set<String>> dataSources;
    private final RulesWriteBack writeBack;

    public RulesApi(LiveRules rules, Set<String> dataSources, RulesWriteBack writeBack) {
        this(rules, fixed(dataSources), writeBack);
    }

    public RulesApi(LiveRules rules, Supplier<Set<String>> dataSources, RulesWriteBack writeBack) {
        this.rules = rules;
        this.dataSources = dataSources;
        this.writeBack = writeBack;
    }

    private static Supplier<Set<String>> fixed(Set<String> dataSources) {
        Set<String> copy = Set.copyOf(dataSources);
        return () -> copy;
    }

    public List<AdminRoutes.Route> routes() {
        return List.of(
                AdminRoutes.get("/api/rules", request -> AdminResponse.ok(rulesOf(rules.current()))),
                AdminRoutes.inspect("/api/rules/validate", this::validate),
                AdminRoutes.inspect("/api/rules/diff", this::diff),
                AdminRoutes.post("/api/rules/apply", this::apply),
                AdminRoutes.get("/api/rules/history", request -> AdminResponse.ok(history())),
                AdminRoutes.post("/api/rules/rollback", this::rollback));
    }

    private AdminResponse validate(AdminRequest request) {
        try {
            read(request);
            return AdminResponse.ok(Map.of("valid", true, "problems", List.of()));
        } catch (AdminException ex) {
            if (!ex.status().equals(HttpResponseStatus.UNPROCESSABLE_ENTITY)) {
                throw ex;
            }
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("valid", false);
            body.put("problems", ex.details().get("problems"));
            return AdminResponse.json(HttpResponseStatus.UNPROCESSABLE_ENTITY, body);
        }
    }

    private AdminResponse diff(AdminRequest request) {
        RulesVersion current = rules.current();
        List<RuleChange> changes = RulesDiff.between(current.rules(), read(request).rules());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("from_version", current.version());
        body.put("changes", changes(changes));
        body.put("moves_rows", RulesDiff.movesRows(changes));
        return AdminResponse.ok(body);
    }

    private AdminResponse apply(AdminRequest request) {
        RulesText proposed = read(request);
        // Under the rules' own lock: a reload (SIGHUP's thread) cannot put another version in force between this
        // change and its write into the file.
        synchronized (rules) {
            int before = rules.current().version();
            try {
                return applied(rules.apply(proposed, "apply", force(request)), before);
            } catch (RulesRefusedException ex) {
                throw refused(ex);
            }
        }
    }

    private AdminResponse rollback(AdminRequest request) {
        String version = request.parameter("version");
        Integer wanted = version == null ? null : number(version);
        synchronized (rules) {
            int before = rules.current().version();
            try {
                return applied(rules.rollback(wanted, force(request)), before);
            } catch (RulesRefusedException ex) {
                throw refused(ex);
            } catch (IllegalArgumentException ex) {
                throw AdminException.notFound(ex.getMessage());
            }
        }
    }

    /** The answer to a change: the version in force, what changed, and whether the file has it too. */
    private AdminResponse applied(RulesVersion version, int before) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("version", version.version());
        boolean changed = version.version() != before;
        body.put("changes", changed ? changes(version.changes()) : List.of());
        if (!changed) {
            body.put("note", "nothing to change: these are the rules in force");
        } else {
            String problem = writeBack.write(version.text());
            body.put("written_to", problem == null ? String.valueOf(writeBack.file()) : null);
            if (problem != null) {
                body.put("warning", problem);
            }
        }
        return AdminResponse.ok(body);
    }

    private RulesText read(AdminRequest request) {
        String text = request.requiredBody("a configuration file's text (its sharding: section is read)");
        try {
            return RulesText.parse("request body", text, dataSources.get());
        } catch (ConfigException ex) {
            throw new AdminException(HttpResponseStatus.UNPROCESSABLE_ENTITY, "the rules are not valid: "
                    + ex.problems().size() + " problem(s)", Map.of("problems", ex.problems()));
        }
    }

    private static AdminException refused(RulesRefusedException ex) {
        return new AdminException(HttpResponseStatus.CONFLICT, ex.getMessage(),
                Map.of("changes", changes(ex.changes())));
    }

    private static boolean force(AdminRequest request) {
        String force = request.parameter("force");
        return force != null && (force.isEmpty() || force.equalsIgnoreCase("true"));
    }

    private static int number(String text) {
        try {
            return Integer.parseInt(text.trim());
        } catch (NumberFormatException ex) {
            throw AdminException.badRequest("version must be a number, not '" + text + "'");
        }
    }

    private Map<String, Object> history() {
        List<Map<String, Object>> versions = new ArrayList<>();
        for (RulesVersion each : rules.history()) {
            Map<String, Object> version = new LinkedHashMap<>();
            version.put("version", each.version());
            version.put("applied_at", each.appliedAt().toString());
            version.put("source", each.source());
            version.put("changes", each.changes().size());
            versions.add(version);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("current", rules.current().version());
        body.put("versions", versions);
        return body;
    }

    private static Map<String, Object> rulesOf(RulesVersion version) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("version", version.version());
        body.put("applied_at", version.appliedAt().toString());
        body.put("source", version.source());
        body.put("text", version.text());
        body.put("schemas", List.copyOf(version.rules().schemas().keySet()));
        return body;
    }

    static List<Map<String, Object>> changes(List<RuleChange> changes) {
        List<Map<String, Object>> result = new ArrayList<>();
        for (RuleChange each : changes) {
            Map<String, Object> change = new LinkedHashMap<>();
            change.put("kind", each.kind().name().toLowerCase(Locale.ROOT));
            change.put("object", each.object());
            change.put("detail", each.detail());
            change.put("moves_rows", each.movesRows());
            result.add(change);
        }
        return result;
    }
}
