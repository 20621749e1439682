package org.partitionedbuffer.sample;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.annotation.sql.DataSourceDefinition;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/**
 * The sample's database, and its tables, created when the application starts.
 *
 * <p>The application defines its own data source rather than using the server's default one
 * ({@code java:comp/DefaultDataSource}): that is H2 on Payara and WildFly, Derby behind a network server to start first
 * on GlassFish, and nothing at all on Open Liberty, and each speaks its own SQL ({@code CREATE TABLE IF NOT EXISTS},
 * {@code AUTO_INCREMENT} and {@link PriceWriter}'s {@code MERGE ... USING (VALUES ...)} are not Derby's). Here the
 * database is H2, held in memory for as long as the server runs: the same SQL, and the same behaviour (a JDBC batch
 * goes on past a refused row, see {@link EventWriter}), on every server. The driver comes with the WAR
 * ({@code WEB-INF/lib}); Payara's class loading finds the server's own H2 first, and Open Liberty takes the driver of
 * an application's data source only from a shared library its server.xml names (docs/SAMPLE-ON-SERVERS.md).
 *
 * <p>The server pools the connections and enlists them in the JTA transaction ({@code transactional}, the default),
 * so an MDB's batch and an order's row commit or roll back with the work around them, and with the buffer inserts the
 * same transaction makes ({@link Orders}). {@code org.h2.jdbcx.JdbcDataSource} is also an {@code XADataSource}, which
 * Payara, GlassFish and WildFly choose for it; alone in its transactions, it commits in one phase. (A
 * {@code java.sql.Driver} class instead would not do: GlassFish and Payara load a driver through
 * {@code DriverManager}, which does not see the WAR's classes.)
 *
 * <p>{@code DB_CLOSE_DELAY=-1} keeps the database while no connection is open; {@code DB_CLOSE_ON_EXIT=FALSE} keeps it
 * open until the server has delivered what the buffers hold at shutdown (by default H2 closes itself in its own JVM
 * shutdown hook, racing the server's, and the last batches' writes would fail).
 */
@DataSourceDefinition(
        name = SampleApplication.DATABASE,
        className = "org.h2.jdbcx.JdbcDataSource",
        url = "jdbc:h2:mem:partitioned-buffer-sample;DB_CLOSE_DELAY=-1;DB_CLOSE_ON_EXIT=FALSE",
        user = "sa",
        password = "",
        // Payara and GlassFish log a warning for the annotation's "not set" (-1); 32 is what they would use.
        minPoolSize = 1,
        maxPoolSize = 32)
@Singleton
@Startup
public class Database {

    @Resource(lookup = SampleApplication.DATABASE)
    private DataSource dataSource;

    @PostConstruct
    void createTables() {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE IF NOT EXISTS sample_events (id BIGINT AUTO_INCREMENT PRIMARY KEY,"
                    + " user_id VARCHAR(100) NOT NULL, type VARCHAR(100) NOT NULL, payload VARCHAR(1000),"
                    + " occurred_at TIMESTAMP NOT NULL, partition_no INT NOT NULL)");
            // The events the database refused (see EventWriter), kept whole: no length limit, no constraint.
            statement.execute("CREATE TABLE IF NOT EXISTS sample_failed_events (id BIGINT AUTO_INCREMENT PRIMARY KEY,"
                    + " user_id CLOB, type CLOB, payload CLOB, occurred_at TIMESTAMP, failed_at TIMESTAMP NOT NULL,"
                    + " reason CLOB)");
            statement.execute("CREATE TABLE IF NOT EXISTS sample_prices (symbol VARCHAR(20) PRIMARY KEY,"
                    + " price DECIMAL(19, 4) NOT NULL, version BIGINT NOT NULL, coalesced BIGINT NOT NULL)");
            statement.execute("CREATE TABLE IF NOT EXISTS sample_orders (order_id VARCHAR(100) PRIMARY KEY,"
                    + " user_id VARCHAR(100) NOT NULL, amount DECIMAL(19, 2) NOT NULL, placed_at TIMESTAMP NOT NULL)");
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot create the sample tables: " + e.getMessage(), e);
        }
    }
}
