package org.partitionedbuffer.it.transaction;

import jakarta.annotation.sql.DataSourceDefinition;
import jakarta.annotation.sql.DataSourceDefinitions;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/**
 * The two H2 in-memory databases of the transaction tests, and their one table of rows ({@code id}). {@link #XA} is
 * an XA datasource ({@code org.h2.jdbcx.JdbcDataSource}, which Payara pools as {@code javax.sql.XADataSource}):
 * its connections join a transaction as an XA resource. {@link #LOCAL} is built on the driver
 * ({@code org.h2.Driver}, pooled as {@code java.sql.Driver}): its connections join as the one non-XA resource a
 * transaction may have, committed by last-agent optimisation ({@link #OTHER_LOCAL}, a second one, is there to
 * show it). H2 is in Payara Micro's runtime.
 */
@DataSourceDefinitions({
        @DataSourceDefinition(name = Rows.XA, className = "org.h2.jdbcx.JdbcDataSource",
                url = "jdbc:h2:mem:tx-xa;DB_CLOSE_DELAY=-1", user = "sa", password = ""),
        @DataSourceDefinition(name = Rows.LOCAL, className = "org.h2.Driver",
                url = "jdbc:h2:mem:tx-local;DB_CLOSE_DELAY=-1", user = "sa", password = ""),
        @DataSourceDefinition(name = Rows.OTHER_LOCAL, className = "org.h2.Driver",
                url = "jdbc:h2:mem:tx-other-local;DB_CLOSE_DELAY=-1", user = "sa", password = "")})
public final class Rows {

    public static final String XA = "java:app/jdbc/tx-xa";
    public static final String LOCAL = "java:app/jdbc/tx-local";
    /** A second driver-based datasource: only to show that {@link #LOCAL} joins as a non-XA resource. */
    public static final String OTHER_LOCAL = "java:app/jdbc/tx-other-local";

    private Rows() {
    }

    public static void createTable(DataSource dataSource) throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("create table if not exists tx_rows (id varchar(100) primary key)");
        }
    }

    /** Inserts the row {@code id}: in the caller's transaction, if it has one. */
    public static void insert(DataSource dataSource, String id) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement insert = connection.prepareStatement("insert into tx_rows (id) values (?)")) {
            insert.setString(1, id);
            insert.executeUpdate();
        }
    }

    /** Whether the row {@code id} exists (committed, or written by the caller's own transaction). */
    public static boolean exists(DataSource dataSource, Object id) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement("select count(*) from tx_rows where id = ?")) {
            select.setString(1, String.valueOf(id));
            try (ResultSet result = select.executeQuery()) {
                result.next();
                return result.getLong(1) == 1;
            }
        }
    }
}
