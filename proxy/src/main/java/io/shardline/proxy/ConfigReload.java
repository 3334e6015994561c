package io.shardline.proxy;

import io.shardline.proxy.config.ConfigException;
import io.shardline.proxy.config.ConfigLoader;
import io.shardline.proxy.config.DataSourceChanges;
import io.shardline.proxy.config.DataSourceSpec;
import io.shardline.proxy.config.LiveUsers;
import io.shardline.proxy.config.ProxyConfig;
import io.shardline.proxy.config.RulesText;
import io.shardline.proxy.config.SectionTexts;
import io.shardline.proxy.config.UserSpec;
import io.shardline.proxy.rules.LiveRules;
import io.shardline.proxy.rules.RulesRefusedException;
import io.shardline.proxy.rules.RulesVersion;
import io.shardline.router.rule.RuleChange;
import io.shardline.router.rule.RulesDiff;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Re-reads the configuration file (SIGHUP, {@code POST /api/reload}) and puts in force what can change on a running
 * proxy: data sources added, replicas added, removed or weighted otherwise ({@link DataSourceChanges}), then the
 * sharding rules (as a live rules change, refused when it would move stored rows; after the data sources, so that
 * rules may name one the same reload adds), then the users (new logins see them; sessions logged in keep running).
 * The whole file is validated, and its rules checked for moved rows, before anything is applied; nothing is applied
 * unless all of it is valid. What shapes things already running (listening ports, TLS, a data source's address,
 * account and pools, health checks, the result cache) is compared with what the proxy runs and named as needing a
 * restart, rather than half-applied.
 */
public final class ConfigReload {
    private static final List<String> RESTART_SECTIONS = List.of("server", "management", "default-datasource",
            "health", "result-cache");

    /** Where a reload starts data sources and changes replicas' weights (the running proxy's). */
    public interface DataSources {
        /** Starts a data source the proxy does not run, ready for statements once this returns. */
        void add(DataSourceSpec spec);

        /** Changes a replica's configured weight; returns its weight in force now (an operator's, when set). */
        int weight(DataSourceChanges.WeightChange change);

        /**
         * Adds a replica to {@code source} (as it runs: its account and pool settings), or takes one out: no new
         * statement goes to it once this returns, and its pools close once nothing borrows from them.
         */
        void replica(DataSourceSpec source, DataSourceChanges.ReplicaChange change);
    }

    /** A reload that failed while applying data source changes; what was applied before stays applied. */
    public static final class PartlyAppliedException extends RuntimeException {
        PartlyAppliedException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** What a reload did: changes in words, and the changed sections it left for a restart. */
    public record Outcome(int rulesVersion, List<String> changes, List<String> needsRestart) {
        public Outcome {
            changes = List.copyOf(changes);
            needsRestart = List.copyOf(needsRestart);
        }
    }

    private final Path file;
    private final LiveRules rules;
    private final LiveUsers users;
    private final DataSources sources;
    /** The sections as the running proxy was built from them. */
    private final Map<String, String> startedWith;
    /** The data sources as they run: as started, plus what reloads applied live. */
    private Map<String, DataSourceSpec> running;

    /** @param running the data sources the proxy started with, by name in file order */
    public ConfigReload(Path file, LiveRules rules, LiveUsers users, Map<String, DataSourceSpec> running,
                        DataSources sources) {
        this.file = file;
        this.rules = rules;
        this.users = users;
        this.sources = sources;
        this.running = new LinkedHashMap<>(running);
        this.startedWith = sectionsOf(file);
    }

    /**
     * @throws ConfigException        when the file is not valid (nothing applied)
     * @throws RulesRefusedException  when its rules would move stored rows (nothing applied)
     */
    public synchronized Outcome reload() throws ConfigException, RulesRefusedException {
        if (file == null) {
            throw new ConfigException("the proxy was not started from a configuration file; nothing to reload");
        }
        ProxyConfig next = ConfigLoader.load(file);
        List<RuleChange> ruleChanges = rules.diff(next.sharding());
        if (RulesDiff.movesRows(ruleChanges)) {
            throw new RulesRefusedException("not reloaded: the file's sharding rules would move stored rows; move"
                    + " the data first, then apply them with force (shardctl rules apply --force FILE)", ruleChanges);
        }
        // Read once for both: the sections compared and the sharding section kept with the rules.
        String text = text(file);
        Map<String, String> sections = SectionTexts.of(text);
        DataSourceChanges sourceChanges = DataSourceChanges.between(running, next.dataSources());
        List<String> changes = new ArrayList<>();
        try {
            started(sourceChanges.added(), changes);
            replicated(sourceChanges.replicas(), changes);
            weighted(sourceChanges.weights(), changes);
        } catch (RuntimeException ex) {
            throw new PartlyAppliedException("not fully reloaded: " + ex.getMessage() + "; applied before that: "
                    + (changes.isEmpty() ? "nothing" : changes) + "; rules and users unchanged", ex);
        }
        RulesVersion version = rules.apply(new RulesText(next.sharding(), RulesText.sectionOf(text)), "reload",
                false);
        ruleChanges.forEach(each -> changes.add("rules: " + each));
        changes.addAll(userChanges(users.all(), next.users()));
        users.replace(next.users());
        List<String> restart = new ArrayList<>();
        for (String each : RESTART_SECTIONS) {
            if (!Objects.equals(startedWith.get(each), sections.get(each))) {
                restart.add(each + ": changed in the file; restart the proxy to apply it");
            }
        }
        restart.addAll(sourceChanges.needsRestart());
        return new Outcome(version.version(), changes, restart);
    }

    /** Starts the added data sources, in file order; each one started is known as running at once. */
    private void started(List<DataSourceSpec> added, List<String> changes) {
        for (DataSourceSpec each : added) {
            sources.add(each);
            running.put(each.name(), each);
            changes.add("datasources: added " + each.name() + " (primary " + each.primary() + ", "
                    + each.replicas().size() + " replicas)");
        }
    }

    private void replicated(List<DataSourceChanges.ReplicaChange> replicas, List<String> changes) {
        for (DataSourceChanges.ReplicaChange each : replicas) {
            sources.replica(running.get(each.dataSource()), each);
            running = new LinkedHashMap<>(new DataSourceChanges(List.of(), List.of(each), List.of(), List.of())
                    .appliedTo(running));
            changes.add(each.toString());
        }
    }

    private void weighted(List<DataSourceChanges.WeightChange> weights, List<String> changes) {
        for (DataSourceChanges.WeightChange each : weights) {
            int inForce = sources.weight(each);
            running = new LinkedHashMap<>(new DataSourceChanges(List.of(), List.of(), List.of(each), List.of())
                    .appliedTo(running));
            changes.add(each + (inForce == each.to() ? "" : " (an operator's weight " + inForce + ", set through"
                    + " the admin API, stays in force until the proxy restarts)"));
        }
    }

    static List<String> userChanges(List<UserSpec> before, List<UserSpec> after) {
        Map<String, String> old = fingerprints(before);
        Map<String, String> now = fingerprints(after);
        List<String> result = new ArrayList<>();
        now.forEach((name, print) -> {
            if (!old.containsKey(name)) {
                result.add("users: added " + name);
            } else if (!old.get(name).equals(print)) {
                result.add("users: changed " + name + " (new logins use the change; open sessions keep theirs)");
            }
        });
        old.keySet().stream().filter(name -> !now.containsKey(name))
                .forEach(name -> result.add("users: removed " + name + " (open sessions keep running)"));
        return result;
    }

    private static Map<String, String> fingerprints(List<UserSpec> users) {
        Map<String, String> result = new LinkedHashMap<>();
        users.forEach(each -> result.put(each.name(), LiveUsers.fingerprint(each)));
        return result;
    }

    private static Map<String, String> sectionsOf(Path file) {
        return file == null ? Map.of() : SectionTexts.of(text(file));
    }

    private static String text(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException ex) {
            return "";
        }
    }
}
