package io.shardline.proxy.health;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DialectTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(nullValues = "NULL", value = {
            "10.11.19-MariaDB-0+deb12u1-log, MARIADB",
            "5.5.5-10.11.6-MariaDB, MARIADB",
            "11.4.2-mariadb, MARIADB",
            "5.7.44-log, MYSQL_LEGACY",
            "8.0.21, MYSQL_LEGACY",
            "8.0.22, MYSQL",
            "8.0.36-28, MYSQL",
            "8.4.0, MYSQL",
            "9.1.0-commercial, MYSQL",
            "something, MYSQL",
            "NULL, MYSQL",
    })
    void picksTheDialectByVersion(String version, Dialect expected) {
        assertThat(Dialect.ofVersion(version)).isEqualTo(expected);
    }
}
