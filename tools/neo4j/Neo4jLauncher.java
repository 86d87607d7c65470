// Starts an embedded Neo4j Community server with Bolt on 127.0.0.1; driven by graph/neo4j_server.py.
// Usage: java -cp '<lib>/*:<classes>' Neo4jLauncher HOME_DIR PORT [--detached]
// The password comes from env NEO4J_LAUNCHER_PASSWORD so it never shows in `ps`.

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.neo4j.configuration.GraphDatabaseInternalSettings;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.HttpConnector;
import org.neo4j.configuration.connectors.HttpsConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.graphdb.TransientFailureException;

public class Neo4jLauncher {
    public static void main(String[] args) throws Exception {
        try {
            run(args);
        } catch (Throwable t) {
            // One readable line (root causes included), printed last so the log tail always shows it.
            t.printStackTrace();
            StringBuilder msg = new StringBuilder("NEO4J_FAILED: " + t);
            for (Throwable c = t.getCause(); c != null && c != c.getCause(); c = c.getCause()) {
                msg.append(" | caused by: ").append(c);
            }
            System.err.println(msg);
            System.exit(1); // Neo4j's non-daemon threads would otherwise keep a half-started JVM alive.
        }
    }

    private static void run(String[] args) throws Exception {
        Path home = Path.of(args[0]).toAbsolutePath();
        int port = Integer.parseInt(args[1]);
        boolean detached = args.length > 2 && args[2].equals("--detached");
        String password = System.getenv("NEO4J_LAUNCHER_PASSWORD");
        if (password == null || password.isEmpty()) {
            System.err.println("NEO4J_LAUNCHER_PASSWORD is not set");
            System.exit(2);
        }

        // Settings graph/neo4j_server.py writes (SERVER_SETTINGS), such as the per-transaction memory limit.
        DatabaseManagementServiceBuilder builder = new DatabaseManagementServiceBuilder(home);
        Path conf = home.resolve("neo4j.conf");
        if (java.nio.file.Files.exists(conf)) {
            builder.loadPropertiesFromFile(conf);
        }
        DatabaseManagementService dbms = builder
                .setConfig(BoltConnector.enabled, true)
                .setConfig(BoltConnector.listen_address, new SocketAddress("127.0.0.1", port))
                .setConfig(HttpConnector.enabled, false)
                .setConfig(HttpsConnector.enabled, false)
                .setConfig(GraphDatabaseSettings.auth_enabled, true)
                .setConfig(GraphDatabaseSettings.pagecache_memory, 256L * 1024 * 1024)
                // Netty's default 5 s quiet period makes every stop take ~10 s; nothing to drain here.
                .setConfig(GraphDatabaseInternalSettings.netty_server_shutdown_quiet_period, 0)
                .setConfig(GraphDatabaseInternalSettings.netty_server_shutdown_timeout, Duration.ofSeconds(5))
                .build();

        CountDownLatch stopped = new CountDownLatch(1);
        // SIGTERM and System.exit both run this; shutting down flushes the store.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                dbms.shutdown();
            } finally {
                stopped.countDown();
            }
        }, "neo4j-shutdown"));

        // The embedded API runs with full rights, so it can set the initial password
        // and clear the "change required" flag that would otherwise block drivers.
        setPassword(dbms, password);

        System.out.println("NEO4J_READY bolt://127.0.0.1:" + port);
        System.out.flush();

        if (!detached) {
            // Parent holds our stdin; EOF means it exited or crashed, so don't linger as an orphan.
            Thread watcher = new Thread(() -> {
                try {
                    while (System.in.read() != -1) { /* ignore input */ }
                } catch (Exception ignored) {
                }
                System.exit(0);
            }, "stdin-watch");
            watcher.setDaemon(true);
            watcher.start();
        }
        stopped.await();
    }

    private static void setPassword(DatabaseManagementService dbms, String password) throws Exception {
        GraphDatabaseService system = dbms.database("system");
        system.isAvailable(60_000);
        for (int attempt = 1; ; attempt++) {
            try {
                system.executeTransactionally(
                        "ALTER USER neo4j SET PASSWORD $pw CHANGE NOT REQUIRED", Map.of("pw", password));
                return;
            } catch (TransientFailureException e) {
                // On a re-used data dir the commit can land while the DBMS is still settling; the
                // retry then usually hits the "same password" case below.
                if (attempt >= 30) throw e;
                Thread.sleep(1000);
            } catch (RuntimeException e) {
                // Re-used data dir, same password: Neo4j refuses to "change" it to itself. Fine.
                if (!String.valueOf(e.getMessage()).contains("same")) throw e;
                System.out.println("password unchanged: " + e.getMessage());
                return;
            }
        }
    }
}
