package org.partitionedbuffer.it.itemfailure;

import java.sql.SQLException;
import java.sql.SQLTransientException;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.partitionedbuffer.api.Batch;

/**
 * What the item-failure beans do with a batch, inside their container-managed transaction: insert one row per item
 * and mark each item whose row the database refused ({@code bad} items, by the table's CHECK constraint) with that
 * refusal as its cause. An item named {@code flaky} is marked on its first attempt without touching the database (a
 * transient failure) and stored on the next. Every call is recorded with its marks.
 */
final class RowWriter {

    private RowWriter() {
    }

    static void write(Batch batch, DataSource rows, int transactionStatus) {
        List<String> marks = new ArrayList<>();
        for (int i = 0; i < batch.size(); i++) {
            Object item = batch.items().get(i);
            SQLException failure = null;
            if (String.valueOf(item).contains("flaky") && batch.attempt() == 1) {
                failure = new SQLTransientException("flaky item " + item + " on attempt 1", "08000");
            } else {
                try {
                    ItemRows.insert(rows, batch.buffer(), item);
                } catch (SQLException refused) {
                    failure = refused;
                }
            }
            if (failure != null) {
                batch.failItem(i, failure);
                marks.add(i + ":" + failure.getSQLState());
            }
        }
        Attempts.record(batch.buffer(), new Attempts.Attempt(batch.items(), batch.attempt(), marks, transactionStatus));
    }
}
