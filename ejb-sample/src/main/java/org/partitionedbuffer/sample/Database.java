package org.partitionedbuffer.sample;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/** Creates the sample's tables in the server's default database (H2 on Payara Micro) when the app starts. */
@Singleton
@Startup
public class Database {

    @Resource(lookup = "java:comp/DefaultDataSource")
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
