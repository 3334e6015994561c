package io.shardline.router.route;

import static org.assertj.core.api.Assertions.assertThat;

import io.shardline.router.classify.Classifier;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Routing hints, alone and sharing a comment with the result cache's hints. */
class RoutingHintTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            SELECT 1                                                              | NONE
            /*master*/ SELECT 1                                                   | PRIMARY
            /*+ shardline:primary */ SELECT 1                                     | PRIMARY
            /* shardline:replica */ SELECT 1                                      | REPLICA
            /*+ shardline:replica shardline:cache(ttl=5s) */ SELECT 1             | REPLICA
            /*+ shardline:cache(ttl=5s) shardline:replica */ SELECT 1             | REPLICA
            /*+ shardline:cache( ttl = 5s ) shardline:primary */ SELECT 1         | PRIMARY
            /*+ shardline:replica shardline:cache( ttl = 500ms ) */ SELECT 1      | REPLICA
            /*+ shardline:cache */ SELECT 1                                       | NONE
            /*+ shardline:cache( ttl = 5s ) */ SELECT 1                           | NONE
            /*+ shardline:no_cache shardline:replica */ SELECT 1                  | REPLICA
            """)
    void readsRoutingHintsBesideCacheHints(String sql, RoutingHint expected) {
        assertThat(RoutingHint.of(Classifier.classify(sql).leadingComments())).isEqualTo(expected);
    }
}
