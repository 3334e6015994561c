package io.shardline.proxy.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The result-cache section: defaults, every setting, and refusals naming file:line. */
class ResultCacheConfigTest {
    @TempDir
    Path dir;

    @Test
    void absentSectionLeavesTheCacheOff() throws ConfigException {
        assertThat(new ConfigFiles(dir).load(ConfigFiles.MINIMAL).resultCache())
                .isEqualTo(ResultCacheSettings.DISABLED);
    }

    @Test
    void everySettingIsRead() throws ConfigException {
        ResultCacheSettings cache = new ConfigFiles(dir).load(ConfigFiles.MINIMAL + """
                result-cache:
                  max-size: 32MiB
                  max-entry-size: 256KiB
                  default-ttl: 5s
                  rules:
                    - name: catalog
                      tables: [Shop.Product, "`shop`.category"]
                      ttl: 30s
                    - tables: crm.*
                    - name: hot
                      statement: "select c from sbtest1   where id=42"
                      ttl: 500ms
                    - name: never
                      tables: shop.secrets
                      cache: false
                """).resultCache();

        assertThat(cache.enabled()).isTrue();
        assertThat(cache.maxBytes()).isEqualTo(32L << 20);
        assertThat(cache.maxEntryBytes()).isEqualTo(256L << 10);
        assertThat(cache.defaultTtl()).isEqualTo(Duration.ofSeconds(5));
        assertThat(cache.rules()).hasSize(4);
        assertThat(cache.rules().get(0)).isEqualTo(new CacheRule("catalog", Set.of("shop.product", "shop.category"),
                null, true, Duration.ofSeconds(30)));
        assertThat(cache.rules().get(1).name()).as("a default name by position").isEqualTo("rule-1");
        assertThat(cache.rules().get(1).covers("crm.customer")).isTrue();
        assertThat(cache.rules().get(1).covers("shop.customer")).isFalse();
        assertThat(cache.rules().get(2).statement()).as("normalised like a digest")
                .isEqualToIgnoringCase(io.shardline.router.sql.Digest.of("SELECT c FROM sbtest1 WHERE id = ?").shape());
        assertThat(cache.rules().get(3).cache()).isFalse();
        assertThat(cache.rules().get(3).ttl()).isNull();
    }

    @Test
    void enabledFalseKeepsTheSectionButTurnsItOff() throws ConfigException {
        assertThat(new ConfigFiles(dir).load(ConfigFiles.MINIMAL + """
                result-cache:
                  enabled: false
                """).resultCache().enabled()).isFalse();
    }

    @Test
    void badRulesAreRefusedWithTheirLines() {
        new ConfigFiles(dir).refused(ConfigFiles.MINIMAL + """
                result-cache:
                  max-entry-size: 2MiB
                  max-size: 1MiB
                  default-ttl: 0s
                  rules:
                    - name: both
                      tables: shop.a
                      statement: SELECT 1
                    - name: unqualified
                      tables: [product]
                    - name: typo
                      tabels: shop.a
                """)
                .has(12, "max-entry-size must be between 64 bytes and max-size")
                .has(14, "default-ttl must be longer than 0")
                .has(16, "either 'tables' or 'statement'")
                .has(20, "'product' must be schema.table or schema.*")
                .has(22, "unknown setting 'result-cache.rules[2].tabels'");
    }

    @Test
    void theDemosCommentedCacheSectionIsValidOnceUncommented() throws Exception {
        String demo = java.nio.file.Files.readString(ConfigFiles.findUpwards(Path.of("conf", "demo.yaml")));
        int start = demo.indexOf("# result-cache:");
        assertThat(start).as("the example is in conf/demo.yaml").isPositive();
        String uncommented = demo.substring(0, start) + demo.substring(start).replaceAll("(?m)^# ?", "");
        ResultCacheSettings cache = new ConfigFiles(dir).load(uncommented).resultCache();
        assertThat(cache.enabled()).isTrue();
        assertThat(cache.rules()).singleElement().satisfies(rule -> assertThat(rule.covers("demo.products")).isTrue());
    }
}
