package io.shardline.proxy;

import io.shardline.proxy.config.ConfigException;
import io.shardline.proxy.config.ConfigLoader;
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
 * proxy: the users (new logins see them; sessions logged in keep running) and the sharding rules (as a live
 * rules change, refused when it would move stored rows). The whole file is validated first and nothing is applied
 * unless all of it is valid. Sections that shape what is already running (listening ports, TLS, data sources and
 * their pools, health checks, the result cache) are compared with the file the proxy started from and named as
 * needing a restart, rather than half-applied.
 */
public final class ConfigReload {
    private static final List<String> RESTART_SECTIONS = List.of("server", "management", "datasources",
            "default-datasource", "health", "result-cache");

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
    /** The sections as the running proxy was built from them. */
    private final Map<String, String> startedWith;

    public ConfigReload(Path file, LiveRules rules, LiveUsers users) {
        this.file = file;
        this.rules = rules;
        this.users = users;
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
        Map<String, String> sections = sectionsOf(file);
        List<String> changes = new ArrayList<>();
        RulesVersion version = rules.apply(new RulesText(next.sharding(), RulesText.sectionOf(text(file))), "reload",
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
        return new Outcome(version.version(), changes, restart);
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
