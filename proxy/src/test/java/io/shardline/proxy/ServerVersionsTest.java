package io.shardline.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ServerVersionsTest {

    @ParameterizedTest(name = "configured {0}, backend {1} -> {2}")
    @CsvSource(delimiter = '|', nullValues = "NULL", value = {
            "auto|5.5.5-10.11.19-MariaDB-0+deb12u1|5.7.19-10.11.19-MariaDB-0+deb12u1",
            "auto|10.11.19-MariaDB|5.7.19-10.11.19-MariaDB",
            "auto|11.4.2-MariaDB-log|5.7.19-11.4.2-MariaDB-log",
            "auto|8.0.36|8.0.36",
            "auto|8.4.0-commercial|8.4.0-commercial",
            "auto|5.5.5-something-else|something-else",
            "NULL|8.0.36|8.0.36",
            "8.0.99-custom|5.5.5-10.11.19-MariaDB|8.0.99-custom",
            "8.0.99-custom|''|8.0.99-custom",
            "auto|''|5.7.19-Shardline",
            "auto|NULL|5.7.19-Shardline",
    })
    void advertised(String configured, String backend, String expected) {
        assertThat(ServerVersions.advertised(configured, backend)).isEqualTo(expected);
    }
}
