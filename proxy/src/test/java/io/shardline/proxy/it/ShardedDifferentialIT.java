package io.shardline.proxy.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.shardline.proxy.ShardlineServer;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The differential suite: the same rows in one plain server and, through Shardline, in a sharded layout (two
 * servers x two tables, a bound table, a broadcast table), then more than 300 queries, hand-written and generated
 * from a fixed seed, compared exactly: column labels and types, then rows, in order when the query fixes the
 * order. Every query runs as text and through a PreparedStatement with its literals as parameters (the drivers'
 * client-side prepared statements), through Connector/J and MariaDB Connector/J. Among them, queries nesting
 * queries (subqueries, derived tables, WITH queries, UNION) that run on any number of shards or on one. Statements
 * that must be refused are checked for their error.
 */
class ShardedDifferentialIT {
    private static final String SCHEMA = "diff_it";
    private static final String REFERENCE = "diff_ref";
    private static final long SEED = 20261126L;
    private static final String[] STATUSES = {"NEW", "PAID", "SHIPPED", null};
    private static final String[] NOTES = {"apple", "Äpfel", "banana", "éclair", "eclair", "Zebra", "zoo", "  pad",
        "pad", "日本", "ß", "ss", null};
    private static ShardlineServer proxy;
    private static SandboxFixture sandbox;
    /** {order_id, user_id} of orders that have items: one on each data source, then one more. */
    private static final List<int[]> ORDERS_WITH_ITEMS = new ArrayList<>();

    @BeforeAll
    static void load() throws Exception {
        sandbox = SandboxFixture.get();
        proxy = ShardedLayout.start(sandbox, SCHEMA, REFERENCE, "t_item", "t_status", "");
        List<String> statements = new ArrayList<>();
        statements.add("CREATE TABLE t_order (order_id BIGINT PRIMARY KEY, user_id INT NOT NULL, status VARCHAR(10),"
                + " amount DECIMAL(10,2), qty INT, score DOUBLE, created DATETIME, note VARCHAR(30))");
        statements.add("CREATE TABLE t_item (item_id INT PRIMARY KEY, order_id BIGINT NOT NULL, user_id INT NOT NULL,"
                + " price DECIMAL(8,2), sku VARCHAR(12))");
        statements.add("CREATE TABLE t_status (code VARCHAR(10) PRIMARY KEY, label VARCHAR(30), rank_no INT)");
        statements.add("INSERT INTO t_status (code, label, rank_no) VALUES ('NEW', 'new order', 1),"
                + " ('PAID', 'paid', 2), ('SHIPPED', 'on its way', 3)");
        Random random = new Random(SEED);
        StringBuilder orders = new StringBuilder();
        StringBuilder items = new StringBuilder();
        int item = 1;
        for (int id = 1; id <= 240; id++) {
            int user = 1 + random.nextInt(40);
            orders.append(orders.isEmpty() ? "" : ", ").append('(').append(id).append(", ").append(user).append(", ")
                    .append(quote(STATUSES[random.nextInt(STATUSES.length)])).append(", ")
                    .append(random.nextInt(10) == 0 ? "NULL" : BigDecimal.valueOf(random.nextInt(100000), 2))
                    .append(", ").append(random.nextInt(12) == 0 ? "NULL" : String.valueOf(random.nextInt(20) - 3))
                    .append(", ").append(random.nextInt(400) / 4.0).append(", ")
                    .append(quote(String.format("2026-%02d-%02d %02d:%02d:00", 1 + random.nextInt(12),
                            1 + random.nextInt(28), random.nextInt(24), random.nextInt(60)))).append(", ")
                    .append(quote(NOTES[random.nextInt(NOTES.length)])).append(')');
            int itemCount = random.nextInt(3);
            if (itemCount > 0 && (ORDERS_WITH_ITEMS.isEmpty() && user % 2 == 0
                    || ORDERS_WITH_ITEMS.size() == 1 && user % 2 == 1 || ORDERS_WITH_ITEMS.size() == 2)) {
                ORDERS_WITH_ITEMS.add(new int[] {id, user});
            }
            for (int k = itemCount; k > 0; k--) {
                items.append(items.isEmpty() ? "" : ", ").append('(').append(item++).append(", ").append(id)
                        .append(", ").append(user).append(", ").append(BigDecimal.valueOf(random.nextInt(5000), 2))
                        .append(", ").append(quote("sku-" + random.nextInt(30))).append(')');
            }
        }
        statements.add("INSERT INTO t_order (order_id, user_id, status, amount, qty, score, created, note) VALUES "
                + orders);
        statements.add("INSERT INTO t_item (item_id, order_id, user_id, price, sku) VALUES " + items);
        try (Connection sharded = connect(""); Connection plain = reference("");
             Statement viaProxy = sharded.createStatement(); Statement direct = plain.createStatement()) {
            for (String each : statements) {
                assertThat(viaProxy.executeUpdate(each)).as(each).isEqualTo(direct.executeUpdate(each));
            }
        }
    }

    @AfterAll
    static void stop() {
        if (proxy != null) {
            proxy.close();
        }
    }

    private static String quote(String value) {
        return value == null ? "NULL" : "'" + value + "'";
    }

    private static Connection connect(String options) throws SQLException {
        return DriverManager.getConnection("jdbc:mysql://127.0.0.1:" + proxy.address().getPort() + "/" + SCHEMA
                + "?user=" + ProxyFixture.USER + "&password=" + ProxyFixture.PASSWORD
                + "&sslMode=DISABLED&allowPublicKeyRetrieval=true" + options);
    }

    private static Connection reference(String options) throws SQLException {
        return DriverManager.getConnection("jdbc:mysql://127.0.0.1:" + sandbox.primaryPort() + "/" + REFERENCE
                + "?user=shardline&password=shardline&sslMode=DISABLED&allowPublicKeyRetrieval=true" + options);
    }

    private static Connection connectMariadb(String options) throws SQLException {
        return DriverManager.getConnection("jdbc:mariadb://127.0.0.1:" + proxy.address().getPort() + "/" + SCHEMA
                + "?user=" + ProxyFixture.USER + "&password=" + ProxyFixture.PASSWORD + options);
    }

    private static Connection referenceMariadb(String options) throws SQLException {
        return DriverManager.getConnection("jdbc:mariadb://127.0.0.1:" + sandbox.primaryPort() + "/" + REFERENCE
                + "?user=shardline&password=shardline" + options);
    }

    /** Queries written out: every feature the merge has, on one shard and across shards. */
    private static List<String> written() {
        List<String> result = new ArrayList<>(List.of(
                "SELECT * FROM t_order WHERE user_id = 7 ORDER BY order_id",
                "SELECT * FROM t_order WHERE order_id = 17",
                "SELECT * FROM t_order WHERE user_id = 8 AND order_id = 30",
                "SELECT order_id, status FROM t_order WHERE user_id IN (3, 4, 9) ORDER BY order_id",
                "SELECT * FROM t_order ORDER BY order_id",
                "SELECT * FROM t_order ORDER BY order_id DESC LIMIT 10",
                "SELECT order_id, amount FROM t_order ORDER BY amount, order_id LIMIT 15",
                "SELECT order_id, amount FROM t_order ORDER BY amount DESC, order_id LIMIT 20, 10",
                "SELECT order_id, note FROM t_order ORDER BY note, order_id",
                "SELECT order_id, note FROM t_order ORDER BY note DESC, order_id DESC LIMIT 30",
                "SELECT order_id, created FROM t_order ORDER BY created DESC, order_id LIMIT 25",
                "SELECT order_id, score FROM t_order ORDER BY score, order_id LIMIT 40",
                "SELECT order_id, qty FROM t_order ORDER BY qty DESC, order_id",
                "SELECT order_id FROM t_order ORDER BY status, amount, order_id LIMIT 50 OFFSET 5",
                "SELECT status, user_id FROM t_order ORDER BY order_id LIMIT 12",
                "SELECT order_id AS id, amount * 2 AS doubled FROM t_order ORDER BY doubled DESC, id LIMIT 10",
                "SELECT order_id, amount FROM t_order ORDER BY 2 DESC, 1 LIMIT 10",
                "SELECT order_id FROM t_order WHERE amount IS NULL ORDER BY order_id",
                "SELECT order_id FROM t_order WHERE note LIKE '%a%' ORDER BY order_id",
                "SELECT COUNT(*) FROM t_order",
                "SELECT COUNT(*), COUNT(amount), SUM(amount), AVG(amount), MIN(amount), MAX(amount) FROM t_order",
                "SELECT SUM(qty), AVG(qty), MIN(qty), MAX(qty), SUM(score), AVG(score) FROM t_order",
                "SELECT MIN(created), MAX(created), MIN(note), MAX(note), MIN(status) FROM t_order",
                "SELECT COUNT(*), SUM(amount) FROM t_order WHERE user_id > 100",
                "SELECT status, COUNT(*) FROM t_order GROUP BY status",
                "SELECT status, COUNT(*), SUM(amount), AVG(amount), MIN(qty), MAX(score) FROM t_order GROUP BY status",
                "SELECT user_id, COUNT(*) AS n FROM t_order GROUP BY user_id ORDER BY n DESC, user_id LIMIT 5",
                "SELECT user_id, SUM(amount) FROM t_order GROUP BY user_id ORDER BY SUM(amount) DESC, user_id LIMIT 7",
                "SELECT user_id, AVG(qty) FROM t_order GROUP BY user_id ORDER BY AVG(qty), user_id",
                "SELECT status, user_id, COUNT(*) FROM t_order GROUP BY status, user_id ORDER BY status, user_id",
                "SELECT user_id, MAX(created) FROM t_order WHERE status = 'PAID' GROUP BY user_id",
                "SELECT DISTINCT status FROM t_order ORDER BY status",
                "SELECT status, COUNT(*) FROM t_order GROUP BY status HAVING COUNT(*) > 60",
                "SELECT COUNT(DISTINCT user_id), COUNT(DISTINCT note), COUNT(*) FROM t_order",
                "SELECT status, COUNT(DISTINCT user_id), SUM(amount), AVG(qty) FROM t_order GROUP BY status",
                "SELECT user_id, COUNT(DISTINCT status) AS kinds FROM t_order GROUP BY user_id"
                        + " HAVING kinds > 1 ORDER BY kinds DESC, user_id LIMIT 8",
                "SELECT user_id, SUM(amount) AS total FROM t_order GROUP BY user_id HAVING total >= 2000"
                        + " AND MAX(qty) < 15 ORDER BY total DESC",
                "SELECT user_id FROM t_order GROUP BY user_id HAVING AVG(amount) > 500 OR MIN(note) = 'apple'",
                "SELECT qty, COUNT(*) FROM t_order GROUP BY qty HAVING NOT (COUNT(*) < 12) AND qty IS NOT NULL",
                "SELECT DISTINCT user_id FROM t_order ORDER BY user_id DESC LIMIT 10",
                "SELECT DISTINCT status, qty FROM t_order ORDER BY status, qty",
                "SELECT o.order_id, i.sku FROM t_order o JOIN t_item i ON o.order_id = i.order_id"
                        + " AND o.user_id = i.user_id ORDER BY i.item_id",
                "SELECT o.user_id, COUNT(i.item_id), SUM(i.price) FROM t_order o JOIN t_item i"
                        + " ON o.order_id = i.order_id AND o.user_id = i.user_id GROUP BY o.user_id ORDER BY o.user_id",
                "SELECT o.order_id, s.label FROM t_order o JOIN t_status s ON s.code = o.status"
                        + " ORDER BY s.rank_no, o.order_id LIMIT 30",
                "SELECT s.label, COUNT(*) FROM t_order o JOIN t_status s ON s.code = o.status GROUP BY s.label",
                "SELECT o.order_id FROM t_order o LEFT JOIN t_status s ON s.code = o.status WHERE s.code IS NULL"
                        + " ORDER BY o.order_id",
                "SELECT * FROM t_status ORDER BY rank_no",
                "SELECT * FROM t_item WHERE user_id = 5 ORDER BY item_id",
                "SELECT sku, COUNT(*), MAX(price) FROM t_item GROUP BY sku ORDER BY sku",
                "SELECT COUNT(*), AVG(price) FROM t_item WHERE order_id BETWEEN 10 AND 90"));
        for (int user = 1; user <= 40; user += 3) {
            result.add("SELECT order_id, status, amount FROM t_order WHERE user_id = " + user + " ORDER BY order_id");
            result.add("SELECT status, COUNT(*) FROM t_order WHERE user_id = " + user + " GROUP BY status");
        }
        return result;
    }

    /**
     * Queries nesting queries: subqueries, derived tables and WITH queries of the broadcast table on any number of
     * shards, subqueries correlated with the bound table on both sharding columns, and every block pinned to one
     * shard by its own WHERE.
     */
    private static List<String> nested() {
        List<String> result = new ArrayList<>(List.of(
                "SELECT order_id, status FROM t_order WHERE status IN (SELECT code FROM t_status WHERE rank_no >= 2)"
                        + " ORDER BY order_id",
                "SELECT order_id FROM t_order o WHERE EXISTS (SELECT 1 FROM t_status s WHERE s.code = o.status"
                        + " AND s.rank_no = 1) ORDER BY order_id",
                "SELECT order_id, (SELECT label FROM t_status s WHERE s.code = o.status) AS label FROM t_order o"
                        + " ORDER BY order_id LIMIT 20",
                "SELECT o.order_id, s.label FROM t_order o JOIN (SELECT code, label FROM t_status WHERE rank_no < 3)"
                        + " s ON s.code = o.status ORDER BY o.order_id",
                "SELECT status, COUNT(*) FROM t_order WHERE status NOT IN (SELECT code FROM t_status WHERE"
                        + " rank_no = 3) GROUP BY status",
                "SELECT COUNT(*), SUM(amount) FROM t_order WHERE amount > (SELECT MAX(rank_no) * 100 FROM t_status)",
                "WITH top AS (SELECT code FROM t_status ORDER BY rank_no DESC LIMIT 1) SELECT order_id, amount FROM"
                        + " t_order WHERE status IN (SELECT code FROM top) ORDER BY amount DESC, order_id LIMIT 10",
                "SELECT user_id, COUNT(*) AS n FROM t_order WHERE status = ANY (SELECT code FROM t_status WHERE"
                        + " label LIKE '%paid%') GROUP BY user_id ORDER BY n DESC, user_id LIMIT 5",
                "SELECT DISTINCT (SELECT rank_no FROM t_status s WHERE s.code = o.status) AS r FROM t_order o"
                        + " ORDER BY r",
                "SELECT COUNT(*) FROM (SELECT code FROM t_status WHERE rank_no > 1) s JOIN t_order o ON"
                        + " o.status = s.code WHERE o.user_id IN (1, 2, 3)",
                "SELECT o.order_id, i.item_id FROM t_order o JOIN t_item i ON i.user_id = o.user_id AND i.order_id ="
                        + " o.order_id WHERE i.sku IN (SELECT CONCAT('sku-', rank_no) FROM t_status) ORDER BY i.item_id",
                "SELECT order_id, user_id FROM t_order o WHERE EXISTS (SELECT 1 FROM t_item i WHERE i.order_id ="
                        + " o.order_id AND i.user_id = o.user_id) ORDER BY order_id",
                "SELECT order_id FROM t_order o WHERE NOT EXISTS (SELECT 1 FROM t_item i WHERE i.order_id ="
                        + " o.order_id AND i.user_id = o.user_id) ORDER BY order_id",
                "SELECT o.order_id, (SELECT COUNT(*) FROM t_item i WHERE i.user_id = o.user_id AND i.order_id ="
                        + " o.order_id) AS items FROM t_order o ORDER BY items DESC, o.order_id LIMIT 25",
                "SELECT o.order_id, (SELECT SUM(price) FROM t_item i WHERE i.user_id = o.user_id AND i.order_id ="
                        + " o.order_id) AS total FROM t_order o WHERE o.user_id IN (3, 4, 5) ORDER BY o.order_id",
                "SELECT user_id, COUNT(*) FROM t_order o WHERE o.order_id IN (SELECT i.order_id FROM t_item i WHERE"
                        + " i.user_id = o.user_id AND i.order_id = o.order_id AND i.price > 20) GROUP BY user_id"
                        + " ORDER BY user_id",
                "SELECT COUNT(*) FROM t_item i WHERE i.price > (SELECT AVG(amount) / 20 FROM t_order o WHERE"
                        + " o.user_id = i.user_id AND o.order_id = i.order_id)",
                "SELECT order_id, status FROM t_order o WHERE o.user_id = 7 AND EXISTS (SELECT 1 FROM t_item i WHERE"
                        + " i.user_id = o.user_id AND i.order_id = o.order_id) ORDER BY order_id",
                "SELECT sku, COUNT(*) FROM t_item i WHERE EXISTS (SELECT 1 FROM t_order o WHERE o.user_id ="
                        + " i.user_id AND o.order_id = i.order_id AND o.status = 'PAID') GROUP BY sku ORDER BY sku",
                "SELECT o.order_id FROM t_order o WHERE (SELECT MAX(i.price) FROM t_item i WHERE i.user_id ="
                        + " o.user_id AND i.order_id = o.order_id) > 30 ORDER BY o.order_id",
                "SELECT order_id FROM t_order o WHERE EXISTS (SELECT 1 FROM t_status s WHERE s.code = o.status AND"
                        + " EXISTS (SELECT 1 FROM t_item i WHERE i.user_id = o.user_id AND i.order_id = o.order_id))"
                        + " ORDER BY order_id",
                "SELECT order_id FROM t_order o WHERE EXISTS (SELECT 1 FROM t_order p WHERE p.user_id = o.user_id"
                        + " AND p.order_id = o.order_id AND p.amount > 500) ORDER BY order_id",
                "SELECT o.order_id, (SELECT i.sku FROM t_item i WHERE i.user_id = o.user_id AND i.order_id ="
                        + " o.order_id ORDER BY i.item_id LIMIT 1) AS first_sku FROM t_order o WHERE o.user_id"
                        + " BETWEEN 10 AND 14 ORDER BY o.order_id",
                "SELECT user_id, SUM(amount) FROM t_order o WHERE o.amount > (SELECT AVG(p.amount) FROM t_order p"
                        + " WHERE p.user_id = o.user_id AND p.order_id = o.order_id) - 1 GROUP BY user_id"
                        + " ORDER BY user_id",
                "SELECT o.status, COUNT(*) FROM t_order o WHERE EXISTS (SELECT 1 FROM t_item i WHERE i.user_id ="
                        + " o.user_id AND i.order_id = o.order_id) GROUP BY o.status HAVING COUNT(*) > 10"
                        + " ORDER BY o.status"));
        for (int[] each : ORDERS_WITH_ITEMS) {
            String key = "user_id = " + each[1] + " AND order_id = " + each[0];
            result.add("SELECT d.n, d.total FROM (SELECT COUNT(*) AS n, SUM(price) AS total FROM t_item WHERE " + key
                    + ") d");
            result.add("SELECT o.order_id, o.amount, (SELECT COUNT(*) FROM t_item WHERE " + key + ") AS n FROM"
                    + " t_order o WHERE o." + key.replace(" AND ", " AND o."));
            result.add("WITH items AS (SELECT * FROM t_item WHERE " + key + ") SELECT sku, price FROM items ORDER BY"
                    + " item_id");
            result.add("SELECT order_id FROM t_order WHERE " + key + " UNION ALL SELECT order_id FROM t_item WHERE "
                    + key + " ORDER BY order_id");
            result.add("SELECT status, amount FROM t_order WHERE " + key + " UNION SELECT sku, price FROM t_item WHERE "
                    + key);
            result.add("SELECT * FROM (SELECT order_id, user_id, amount FROM t_order WHERE " + key + ") a JOIN (SELECT"
                    + " order_id, SUM(price) AS total FROM t_item WHERE " + key + " GROUP BY order_id) b ON a.order_id"
                    + " = b.order_id");
            result.add("SELECT item_id FROM t_item WHERE " + key + " AND price >= (SELECT AVG(price) FROM t_item"
                    + " WHERE " + key + ") ORDER BY item_id");
            result.add("(SELECT order_id, note FROM t_order WHERE " + key + ")");
        }
        return result;
    }

    /** Queries generated from the seed: filters, orders, limits and groupings in combination. */
    private static List<String> generated(int count) {
        Random random = new Random(SEED + 1);
        String[] columns = {"*", "order_id, user_id, status", "order_id, amount, qty", "order_id, note, created",
            "user_id, score, order_id"};
        String[] orderable = {"amount", "qty", "score", "created", "note", "status", "user_id"};
        String[] groupable = {"status", "user_id", "qty"};
        List<String> result = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String where = where(random);
            int shape = random.nextInt(4);
            if (shape < 2) {
                StringBuilder sql = new StringBuilder("SELECT ").append(columns[random.nextInt(columns.length)])
                        .append(" FROM t_order").append(where);
                if (random.nextBoolean()) {
                    sql.append(" ORDER BY ").append(orderable[random.nextInt(orderable.length)])
                            .append(random.nextBoolean() ? " DESC" : "").append(", order_id");
                    int limit = random.nextInt(3);
                    if (limit == 1) {
                        sql.append(" LIMIT ").append(1 + random.nextInt(30));
                    } else if (limit == 2) {
                        sql.append(" LIMIT ").append(random.nextInt(40)).append(", ").append(1 + random.nextInt(20));
                    }
                }
                result.add(sql.toString());
            } else if (shape == 2) {
                String group = groupable[random.nextInt(groupable.length)];
                StringBuilder sql = new StringBuilder("SELECT ").append(group).append(", COUNT(*), SUM(amount),"
                        + " AVG(amount), MIN(created), MAX(qty), SUM(score) FROM t_order").append(where)
                        .append(" GROUP BY ").append(group);
                if (random.nextBoolean()) {
                    sql.append(" ORDER BY COUNT(*) DESC, ").append(group);
                    if (random.nextBoolean()) {
                        sql.append(" LIMIT ").append(1 + random.nextInt(8));
                    }
                }
                result.add(sql.toString());
            } else {
                result.add("SELECT COUNT(*), COUNT(amount), SUM(qty), AVG(qty), MIN(note), MAX(amount) FROM t_order"
                        + where);
            }
        }
        return result;
    }

    private static String where(Random random) {
        List<String> conditions = new ArrayList<>();
        for (int k = random.nextInt(3); k > 0; k--) {
            conditions.add(switch (random.nextInt(9)) {
                case 0 -> "user_id = " + (1 + random.nextInt(40));
                case 1 -> "user_id IN (" + (1 + random.nextInt(40)) + ", " + (1 + random.nextInt(40)) + ")";
                case 2 -> "order_id BETWEEN " + random.nextInt(120) + " AND " + (120 + random.nextInt(120));
                case 3 -> "amount > " + random.nextInt(800);
                case 4 -> "status = '" + STATUSES[random.nextInt(3)] + "'";
                case 5 -> "status IS NULL";
                case 6 -> "(user_id = " + (1 + random.nextInt(40)) + " OR order_id < " + random.nextInt(60) + ")";
                case 7 -> "qty >= " + random.nextInt(10);
                default -> "order_id = " + (1 + random.nextInt(240));
            });
        }
        return conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
    }

    /** Whether the query fixes its row order: an ORDER BY that ends with a unique key of what it returns. */
    private static boolean ordered(String sql) {
        String upper = sql.toUpperCase(java.util.Locale.ROOT);
        int order = upper.lastIndexOf(" ORDER BY ");
        if (order < 0) {
            return false;
        }
        String keys = upper.substring(order);
        return keys.contains("ORDER_ID") || keys.contains("ITEM_ID") || keys.contains("RANK_NO")
                || upper.contains("GROUP BY") || upper.startsWith("SELECT DISTINCT");
    }

    /**
     * mysql / mariadb: text and the driver's client-side prepared statements; the "-server" variants run the
     * prepared statements server-side (COM_STMT_PREPARE / COM_STMT_EXECUTE, rows in the binary protocol).
     */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"mysql", "mariadb", "mysql-server", "mariadb-server"})
    void everyQueryGivesWhatOneServerGives(String driver) throws Exception {
        List<String> queries = new ArrayList<>(written());
        queries.addAll(generated(260));
        queries.addAll(nested());
        assertThat(ORDERS_WITH_ITEMS).hasSize(3);
        assertThat(queries).hasSizeGreaterThanOrEqualTo(340);
        List<String> failures = new ArrayList<>();
        boolean mysql = driver.startsWith("mysql");
        String serverSide = driver.endsWith("-server") ? (mysql ? "&useServerPrepStmts=true&cachePrepStmts=true"
                : "&useServerPrepStmts=true") : "";
        try (Connection sharded = mysql ? connect(serverSide) : connectMariadb(serverSide);
             Connection plain = mysql ? reference(serverSide) : referenceMariadb(serverSide)) {
            for (String each : queries) {
                for (boolean prepared : new boolean[] {false, true}) {
                    // drivers read some types differently in the binary protocol: compare like with like
                    List<String> expected = answer(plain, each, prepared);
                    List<String> actual = answer(sharded, each, prepared);
                    if (expected.get(0).startsWith("error ")) {
                        failures.add((prepared ? "prepared " : "text ") + each + "\n  the reference server refuses"
                                + " it, so it compares nothing: " + expected);
                    } else if (!actual.equals(expected)) {
                        failures.add((prepared ? "prepared " : "text ") + each + "\n  expected " + expected
                                + "\n  but was  " + actual);
                    }
                }
            }
        }
        assertThat(failures).as(failures.size() + " of " + queries.size() * 2 + " runs differ").isEmpty();
    }

    @Test
    void statementsThatCannotBeAnsweredExactlyAreRefused() throws Exception {
        List<String> refused = List.of(
                "SELECT status, COUNT(*) FROM t_order GROUP BY status HAVING COUNT(*) * 2 > 10",
                "SELECT COUNT(DISTINCT user_id, status) FROM t_order",
                "SELECT SUM(amount) / COUNT(*) FROM t_order",
                "SELECT GROUP_CONCAT(order_id) FROM t_order",
                "SELECT * FROM t_order WHERE order_id IN (SELECT order_id FROM t_item)",
                "SELECT * FROM t_order UNION ALL SELECT * FROM t_order",
                "SELECT * FROM t_order o JOIN t_item i ON o.order_id = i.item_id JOIN t_order o2 ON o2.user_id = 1",
                "UPDATE t_order SET user_id = 1 WHERE order_id = 2",
                "DELETE FROM t_order",
                "SELECT order_id, ROW_NUMBER() OVER (ORDER BY order_id) FROM t_order",
                "SELECT * FROM t_order WHERE amount > (SELECT AVG(amount) FROM t_order)",
                "SELECT * FROM (SELECT * FROM t_order) x",
                "WITH x AS (SELECT * FROM t_order WHERE user_id = 1) SELECT * FROM x",
                "SELECT order_id FROM t_order WHERE user_id = 1 UNION SELECT order_id FROM t_item WHERE user_id = 2",
                "SELECT * FROM t_order o WHERE EXISTS (SELECT 1 FROM t_item i WHERE i.order_id = o.order_id)",
                "SELECT * FROM t_status WHERE code IN (SELECT status FROM t_order)",
                "SELECT * FROM t_order WHERE status IN (SELECT sku FROM t_item WHERE user_id = 1 AND order_id = 2)",
                "SELECT order_id FROM t_order WHERE user_id = 1 AND order_id = 2 UNION SELECT order_id FROM t_order"
                        + " WHERE user_id = 1 AND order_id = 3",
                "SELECT order_id FROM t_order WHERE user_id = 1 AND order_id = 2 UNION SELECT order_id FROM t_item"
                        + " WHERE user_id = 2 AND order_id = 2",
                "SELECT * FROM t_status s LEFT JOIN t_order o ON o.status = s.code",
                "INSERT INTO t_status (code, label, rank_no) SELECT status, note, qty FROM t_order WHERE user_id = 1"
                        + " AND order_id = 2",
                "INSERT INTO t_item (item_id, order_id, user_id) SELECT order_id, order_id, user_id FROM t_order"
                        + " WHERE user_id = 1 AND order_id = 2",
                "UPDATE t_status SET rank_no = 9 WHERE code IN (SELECT status FROM t_order WHERE user_id = 1 AND"
                        + " order_id = 2)");
        try (Connection sharded = connect(""); Statement statement = sharded.createStatement()) {
            for (String each : refused) {
                try {
                    statement.execute(each);
                    throw new AssertionError("not refused: " + each);
                } catch (SQLException e) {
                    assertThat(e.getErrorCode()).as(each + ": " + e.getMessage()).isEqualTo(1235);
                    assertThat(e.getMessage()).as(each).startsWith("Shardline: ");
                }
            }
        }
    }

    private static final Pattern LITERAL = Pattern.compile("'[^']*'|(?<![\\w.])-?\\d+(\\.\\d+)?(?![\\w.])");

    /**
     * Column labels and types, then rows (sorted unless the query fixes the order). Prepared: the literals of
     * WHERE become parameters (ORDER BY positions and LIMIT counts stay).
     */
    private static List<String> answer(Connection connection, String sql, boolean prepared) throws SQLException {
        try (PreparedStatement statement = prepared ? prepare(connection, sql) : null;
             Statement plain = prepared ? null : connection.createStatement();
             ResultSet rs = prepared ? statement.executeQuery() : plain.executeQuery(sql)) {
            ResultSetMetaData meta = rs.getMetaData();
            StringBuilder header = new StringBuilder();
            for (int i = 1; i <= meta.getColumnCount(); i++) {
                header.append(meta.getColumnLabel(i)).append(':').append(meta.getColumnTypeName(i)).append('/')
                        .append(meta.getScale(i)).append(' ');
            }
            List<String> rows = new ArrayList<>();
            while (rs.next()) {
                StringBuilder row = new StringBuilder();
                for (int i = 1; i <= meta.getColumnCount(); i++) {
                    row.append(rs.getString(i)).append('|');
                }
                rows.add(row.toString());
            }
            if (!ordered(sql)) {
                rows.sort(null);
            }
            List<String> result = new ArrayList<>();
            result.add(header.toString());
            result.addAll(rows);
            return result;
        } catch (SQLException e) {
            return List.of("error " + e.getErrorCode() + ": " + e.getMessage());
        }
    }

    private static PreparedStatement prepare(Connection connection, String sql) throws SQLException {
        int where = sql.indexOf(" WHERE ");
        if (where < 0) {
            return connection.prepareStatement(sql);
        }
        int end = firstOf(sql, where, " GROUP BY ", " ORDER BY ", " LIMIT ");
        Matcher matcher = LITERAL.matcher(sql.substring(where, end));
        List<String> values = new ArrayList<>();
        StringBuilder text = new StringBuilder(sql.substring(0, where));
        int copied = 0;
        String clause = sql.substring(where, end);
        while (matcher.find()) {
            text.append(clause, copied, matcher.start()).append('?');
            values.add(matcher.group());
            copied = matcher.end();
        }
        text.append(clause.substring(copied)).append(sql.substring(end));
        PreparedStatement result = connection.prepareStatement(text.toString());
        for (int i = 0; i < values.size(); i++) {
            String value = values.get(i);
            if (value.startsWith("'")) {
                result.setString(i + 1, value.substring(1, value.length() - 1));
            } else if (value.contains(".")) {
                result.setBigDecimal(i + 1, new BigDecimal(value));
            } else {
                result.setLong(i + 1, Long.parseLong(value));
            }
        }
        return result;
    }

    private static int firstOf(String sql, int from, String... words) {
        int result = sql.length();
        for (String each : words) {
            int at = sql.indexOf(each, from);
            if (at >= 0 && at < result) {
                result = at;
            }
        }
        return result;
    }
}
