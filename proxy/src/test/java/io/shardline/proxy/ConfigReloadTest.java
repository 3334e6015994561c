package io.shardline.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shardline.proxy.config.ConfigLoader;
import io.shardline.proxy.config.DataSourceChanges;
import io.shardline.proxy.config.DataSourceSpec;
import io.shardline.proxy.config.LiveUsers;
import io.shardline.proxy.config.ProxyConfig;
import io.shardline.proxy.rules.LiveRules;
import io.shardline.proxy.rules.RulesRefusedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a reload applies, in which order, and what it leaves alone, against a recording stand-in for the pools. */
class ConfigReloadTest {
    private static final String BASE = """
            server:
              listen: 127.0.0.1:3307
            users:
              - name: demo
                password: "*C142FB215B6E05B7C134B1A653AD4B455157FD79"
            datasources:
              ds_0:
                primary: 127.0.0.1:3326
                user: shardline
                replicas:
                  - { address: 127.0.0.1:3327, weight: 1 }
            """;
    private static final String SHARD = """
              ds_1:
                primary: 127.0.0.1:3328
                user: shardline
            """;
    private static final String RULES = """
            sharding:
              schemas:
                shop:
                  default-datasource: ds_0
                  actual-databases: { ds_1: shop_1 }
                  tables:
                    t_order:
                      data-nodes: ds_${0..1}.t_order
                      database-strategy: { columns: user_id, algorithm: mod, count: 2 }
            """;

    @TempDir
    Path dir;
    private final List<String> done = new ArrayList<>();
    private final ConfigReload.DataSources sources = new ConfigReload.DataSources() {
        @Override
        public void add(DataSourceSpec spec) {
            done.add("add " + spec.name());
        }

        @Override
        public int weight(DataSourceChanges.WeightChange change) {
            done.add("weight " + change.replica() + " " + change.to());
            return change.to();
        }

        @Override
        public void replica(DataSourceSpec source, DataSourceChanges.ReplicaChange change) {
            done.add((change.added() ? "add " : "remove ") + change.replica().address() + " to " + source.name()
                    + " of " + source.replicas().size());
        }
    };

    private ConfigReload start(String text) throws Exception {
        Path file = dir.resolve("shardline.yaml");
        Files.writeString(file, text);
        ProxyConfig config = ConfigLoader.load(file);
        LiveRules rules = new LiveRules(config.sharding(), "", 100, Clock.systemUTC());
        rules.onChange(version -> done.add("rules " + version.version()));
        return new ConfigReload(file, rules, new LiveUsers(config.users()), config.dataSources(), sources);
    }

    private void edit(String text) throws Exception {
        Files.writeString(dir.resolve("shardline.yaml"), text);
    }

    @Test
    void aNewDataSourceStartsBeforeTheRulesThatUseIt() throws Exception {
        ConfigReload reload = start(BASE);
        edit(BASE + SHARD + RULES);

        ConfigReload.Outcome outcome = reload.reload();

        assertThat(done).containsExactly("add ds_1", "rules 2");
        assertThat(outcome.changes()).first().asString().startsWith("datasources: added ds_1 (primary 127.0.0.1:3328");
        assertThat(outcome.needsRestart()).isEmpty();
        assertThat(reload.reload().changes()).as("running now: not started twice").isEmpty();
        assertThat(done).hasSize(2);
    }

    @Test
    void refusedRulesLeaveTheNewDataSourceUnstarted() throws Exception {
        ConfigReload reload = start(BASE + SHARD + RULES);
        edit(BASE + SHARD + "  ds_2: { primary: 127.0.0.1:3329, user: shardline }\n"
                + RULES.replace("ds_${0..1}", "ds_${0..2}").replace("count: 2", "count: 3"));

        assertThatThrownBy(reload::reload).isInstanceOf(RulesRefusedException.class);
        assertThat(done).isEmpty();
    }

    @Test
    void replicasComeAndGoOneAfterAnother() throws Exception {
        ConfigReload reload = start(BASE);
        edit(BASE.replace("3327, weight: 1", "3337, weight: 2"));

        ConfigReload.Outcome outcome = reload.reload();

        assertThat(done).as("each with the data source as it runs then").containsExactly(
                "add 127.0.0.1:3337 to ds_0 of 1", "remove 127.0.0.1:3327 to ds_0 of 2");
        assertThat(outcome.changes()).hasSize(2);
        assertThat(reload.reload().changes()).isEmpty();
    }

    @Test
    void weightsChangeLiveAndAMovedPrimaryIsLeftForARestart() throws Exception {
        ConfigReload reload = start(BASE);
        edit(BASE.replace("weight: 1", "weight: 0").replace("3326", "3336"));

        ConfigReload.Outcome outcome = reload.reload();

        assertThat(done).containsExactly("weight 127.0.0.1:3327 0");
        assertThat(outcome.changes()).containsExactly("datasources.ds_0: replica 127.0.0.1:3327 weight 1 -> 0");
        assertThat(outcome.needsRestart()).containsExactly(
                "datasources.ds_0.primary: changed; restart the proxy to apply it");
        assertThat(reload.reload().needsRestart()).as("named again until a restart").hasSize(1);
        assertThat(done).as("the weight is not applied twice").hasSize(1);
    }
}
