package org.partitionedbuffer.it.itemfailure;

import jakarta.annotation.sql.DataSourceDefinition;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * The item-failure tests' H2 in-memory database, an XA datasource ({@code org.h2.jdbcx.JdbcDataSource}): its
 * connections join the listener's container-managed transaction. One table of rows, one per item; its CHECK
 * constraint refuses every item whose name contains {@code bad}, as a database refuses a row for its values, with an
 * {@link java.sql.SQLIntegrityConstraintViolationException} (SQLState 23513).
 */
@DataSourceDefinition(name = ItemRows.JNDI, className = "org.h2.jdbcx.JdbcDataSource",
        url = "jdbc:h2:mem:item-failure;DB_CLOSE_DELAY=-1", user = "sa", password = "")
public final class ItemRows {

    public static final String JNDI = "java:app/jdbc/item-failure";

    private ItemRows() {
    }

    public static void createTable(DataSource dataSource) throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("create table if not exists item_rows (id varchar(100) primary key,"
                    + " buffer varchar(100) not null, constraint no_bad_items check (id not like '%bad%'))");
        }
    }

    /** Inserts the row of {@code item}, in the caller's transaction. */
    static void insert(DataSource dataSource, String buffer, Object item) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement insert = connection.prepareStatement(
                        "insert into item_rows (id, buffer) values (?, ?)")) {
            insert.setString(1, String.valueOf(item));
            insert.setString(2, buffer);
            insert.executeUpdate();
        }
    }

    /** The committed rows of {@code buffer}'s items, by id. */
    public static List<String> of(DataSource dataSource, String buffer) throws SQLException {
        List<String> ids = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(
                        "select id from item_rows where buffer = ? order by id")) {
            select.setString(1, buffer);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    ids.add(rows.getString(1));
                }
            }
        }
        return ids;
    }
}
