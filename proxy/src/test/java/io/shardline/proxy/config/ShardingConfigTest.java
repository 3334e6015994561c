package io.shardline.proxy.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.shardline.router.algorithm.Algorithms;
import io.shardline.router.algorithm.HashModSharding;
import io.shardline.router.algorithm.IntervalSharding;
import io.shardline.router.algorithm.ModSharding;
import io.shardline.router.algorithm.RangeSharding;
import io.shardline.router.algorithm.Snowflake;
import io.shardline.router.rule.DataNode;
import io.shardline.router.rule.SchemaRules;
import io.shardline.router.rule.ShardingRules;
import io.shardline.router.rule.TableRule;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Valid 'sharding:' sections and the rules they load into. */
class ShardingConfigTest {
    @TempDir
    Path dir;

    @Test
    void theDocumentedExampleLoadsIntoTheModel() throws ConfigException {
        ShardingRules rules = new ConfigFiles(dir).load(ConfigFiles.SHARDED).sharding();

        assertThat(rules.workerId()).isEqualTo(1);
        assertThat(rules.maxClockRollback()).isEqualTo(Duration.ofMillis(10));
        SchemaRules shop = rules.schema("SHOP");
        assertThat(shop.name()).isEqualTo("shop");
        assertThat(shop.defaultDataSource()).isEqualTo("ds_0");
        assertThat(shop.actualDatabase("ds_0")).isEqualTo("shop");
        assertThat(shop.actualDatabase("ds_1")).isEqualTo("shop_1");
        assertThat(shop.tables().keySet()).containsExactly("t_order", "t_order_item");
        TableRule order = shop.table("t_order");
        assertThat(order.dataNodes()).hasSize(8).startsWith(new DataNode("ds_0", "t_order_0"))
                .endsWith(new DataNode("ds_1", "t_order_3"));
        assertThat(order.databaseStrategy().columns()).containsExactly("user_id");
        assertThat(order.tableStrategy()).isEqualTo(new ModSharding("order_id", 4));
        assertThat(order.keyColumn()).isEqualTo("order_id");
        assertThat(shop.table("t_order_item").keyColumn()).isNull();
        assertThat(shop.bindingGroups()).containsExactly(Set.of("t_order", "t_order_item"));
        assertThat(shop.broadcastTables()).containsExactly("t_dict");
        assertThat(order.locate(Map.of("user_id", 7L, "order_id", 10L))).isEqualTo(new DataNode("ds_1", "t_order_2"));
    }

    @Test
    void withoutASectionNothingIsSharded() throws ConfigException {
        ProxyConfig config = new ConfigFiles(dir).load(ConfigFiles.MINIMAL);

        assertThat(config.sharding()).isSameAs(ShardingRules.NONE);
    }

    @Test
    void theSafetySwitchCanBeTurnedOff() throws ConfigException {
        ShardingRules rules = new ConfigFiles(dir).load(ConfigFiles.MINIMAL + """
                sharding:
                  allow-full-table-writes: true
                  schemas:
                    logs:
                      default-datasource: main
                      tables:
                        t_user:
                          data-nodes: main.t_user_${0..1}
                          table-strategy: { columns: id, algorithm: mod, count: 2 }
                """).sharding();
        assertThat(rules.allowFullTableWrites()).isTrue();
    }

    @Test
    void everyAlgorithmAndTheDefaults() throws ConfigException {
        ShardingRules rules = new ConfigFiles(dir).load(ConfigFiles.MINIMAL + """
                sharding:
                  schemas:
                    logs:
                      default-datasource: main
                      tables:
                        t_user:
                          data-nodes: main.t_user_${0..3}
                          table-strategy: { columns: name, algorithm: hash-mod, count: 4 }
                        t_account:
                          data-nodes: main.t_account_${0..2}
                          table-strategy:
                            columns: [id]
                            algorithm: range
                            boundaries: [1000000, 2000000]
                          key-generator: { column: " id ", type: snowflake }
                        t_log:
                          data-nodes: main.t_log_${202401..202412}
                          table-strategy: { columns: created_at, algorithm: interval, unit: month, suffix: yyyyMM }
                        t_tenant:
                          data-nodes: main.t_tenant_${0..3}
                          table-strategy:
                            columns: [user_id, tenant_id]
                            algorithm: complex
                            expression: t_tenant_${(user_id + tenant_id) % 4}
                      broadcast-tables: t_country
                """).sharding();

        assertThat(rules.workerId()).as("default").isZero();
        assertThat(rules.maxClockRollback()).isEqualTo(Snowflake.DEFAULT_MAX_CLOCK_ROLLBACK);
        assertThat(rules.allowFullTableWrites()).as("the safety switch is on by default").isFalse();
        SchemaRules logs = rules.schema("logs");
        assertThat(logs.table("t_user").tableStrategy()).isEqualTo(new HashModSharding("name", 4));
        assertThat(logs.table("t_account").tableStrategy()).isEqualTo(new RangeSharding("id",
                List.of(new BigDecimal("1000000"), new BigDecimal("2000000"))));
        assertThat(logs.table("t_account").keyColumn()).isEqualTo("id");
        assertThat(logs.table("t_log").tableStrategy()).isInstanceOfSatisfying(IntervalSharding.class, interval -> {
            assertThat(interval.column()).isEqualTo("created_at");
            assertThat(interval.unit()).isEqualTo(IntervalSharding.Unit.MONTH);
            assertThat(interval.suffix()).isEqualTo("yyyyMM");
        });
        assertThat(logs.table("t_tenant").tableStrategy().columns()).containsExactlyInAnyOrder("user_id", "tenant_id");
        assertThat(logs.table("t_tenant").locate(Map.of("user_id", 5L, "tenant_id", 2L)))
                .isEqualTo(new DataNode("main", "t_tenant_3"));
        assertThat(logs.broadcastTables()).containsExactly("t_country");
        assertThat(logs.bindingGroups()).isEmpty();
        assertThat(logs.actualDatabase("main")).isEqualTo("logs");
    }

    @Test
    void everyAlgorithmHasItsSettingsListed() {
        assertThat(StrategyReader.SETTINGS.keySet()).containsExactlyInAnyOrderElementsOf(Algorithms.TYPES);
        StrategyReader.SETTINGS.values().forEach(settings ->
                assertThat(StrategyReader.ALL_SETTINGS).containsAll(settings));
    }

    @Test
    void shippedShardingDemoIsValid() throws ConfigException {
        ProxyConfig config = ConfigLoader.load(ConfigFiles.findUpwards(Path.of("conf", "sharding-demo.yaml")));

        assertThat(config.dataSources().keySet()).containsExactlyInAnyOrder("ds_0", "ds_1");
        assertThat(config.defaultSource().primary()).isEqualTo(new Endpoint("127.0.0.1", 3326));
        ShardingRules rules = config.sharding();
        assertThat(rules.workerId()).isEqualTo(1);
        SchemaRules shop = rules.schema("shop");
        assertThat(shop.bindingGroupOf("t_order_item")).containsExactlyInAnyOrder("t_order", "t_order_item");
        assertThat(shop.isBroadcast("t_dict")).isTrue();
        assertThat(shop.actualDatabase("ds_1")).isEqualTo("shop_1");
        assertThat(shop.table("t_order").locate(Map.of("user_id", 7L, "order_id", 10L)))
                .isEqualTo(new DataNode("ds_1", "t_order_2"));
        assertThat(shop.table("t_order_item").locate(Map.of("user_id", 4L, "order_id", 13L)))
                .isEqualTo(new DataNode("ds_0", "t_order_item_1"));
    }
}
