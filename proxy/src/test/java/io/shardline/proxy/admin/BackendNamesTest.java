package io.shardline.proxy.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which server an operator means: a full name, or a HOST:PORT only one server has. */
class BackendNamesTest {
    private static final List<String> KNOWN = List.of("main/primary@127.0.0.1:3316", "main/replica@127.0.0.1:3317",
            "main/replica@127.0.0.1:3318", "reports/primary@127.0.0.1:3318");

    @Test
    void aFullNameIsItself() {
        assertThat(BackendNames.resolve("main/replica@127.0.0.1:3318", KNOWN)).isEqualTo("main/replica@127.0.0.1:3318");
    }

    @Test
    void aUniqueAddressMeansItsServer() {
        assertThat(BackendNames.resolve("127.0.0.1:3317", KNOWN)).isEqualTo("main/replica@127.0.0.1:3317");
    }

    @Test
    void anAddressOfSeveralServersIs400NamingThem() {
        assertThatThrownBy(() -> BackendNames.resolve("127.0.0.1:3318", KNOWN))
                .isInstanceOfSatisfying(AdminException.class, ex -> {
                    assertThat(ex.response().status()).isEqualTo(HttpResponseStatus.BAD_REQUEST);
                    assertThat(ex.getMessage()).contains("main/replica@127.0.0.1:3318")
                            .contains("reports/primary@127.0.0.1:3318").contains("give the full name");
                });
    }

    @Test
    void anUnknownNameIs404ListingTheBackends() {
        for (String each : List.of("127.0.0.1:9999", "main/replica@127.0.0.1:9999", "replica", "")) {
            assertThatThrownBy(() -> BackendNames.resolve(each, KNOWN))
                    .isInstanceOfSatisfying(AdminException.class, ex -> {
                        assertThat(ex.response().status()).isEqualTo(HttpResponseStatus.NOT_FOUND);
                        assertThat(ex.getMessage()).contains("no backend named").contains(KNOWN.get(0));
                    });
        }
    }
}
