package io.shardline.proxy;

import io.shardline.proxy.config.PasswordHash;
import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/** {@code shardline hash-password}: turns a password into the hashes users[].password accepts. */
final class HashPassword {
    private HashPassword() {}

    static int run() throws IOException {
        String password;
        Console console = System.console();
        if (console != null) {
            char[] typed = console.readPassword("password: ");
            password = typed == null ? "" : new String(typed);
        } else {
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            String line = in.readLine();
            password = line == null ? "" : line;
        }
        System.out.println("# for mysql_native_password and caching_sha2_password (as SELECT PASSWORD() gives):");
        System.out.println("password: \"" + PasswordHash.nativeHashOf(password).text() + "\"");
        System.out.println("# salted, caching_sha2_password only (clients need TLS or RSA key retrieval):");
        System.out.println("password: \"" + PasswordHash.pbkdf2Of(password).text() + "\"");
        return 0;
    }
}
