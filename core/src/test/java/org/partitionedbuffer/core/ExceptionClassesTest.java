package org.partitionedbuffer.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.InvocationTargetException;
import java.sql.SQLIntegrityConstraintViolationException;
import org.junit.jupiter.api.Test;
import org.partitionedbuffer.api.BufferException;

/** The {@code nonRetryable} option: class names matched along each failure's class hierarchy and cause chain. */
class ExceptionClassesTest {

    @Test
    void aSubclassOfANamedClassMatchesAndSoDoesAnUnrelatedOneNot() {
        ExceptionClasses classes = ExceptionClasses.parse("java.sql.SQLException, java.lang.IllegalArgumentException");

        assertTrue(classes.matches(new SQLIntegrityConstraintViolationException("duplicate")));
        assertTrue(classes.matches(new NumberFormatException("x")));
        assertFalse(classes.matches(new IllegalStateException("x")));
    }

    @Test
    void containerWrappersAreLookedThrough() {
        ExceptionClasses classes = ExceptionClasses.parse("java.sql.SQLException");
        Exception wrapped = new InvocationTargetException(new RuntimeException("EJBException stand-in",
                new SQLIntegrityConstraintViolationException("duplicate")));

        assertTrue(classes.matches(wrapped));
    }

    @Test
    void aCauseChainWithACycleEnds() {
        IllegalStateException first = new IllegalStateException("first");
        IllegalStateException second = new IllegalStateException("second", first);
        first.initCause(second);

        assertFalse(ExceptionClasses.parse("java.sql.SQLException").matches(first));
    }

    @Test
    void emptyTextMeansNoneAndBadNamesAreRefusedWithTheOptionNamed() {
        assertTrue(ExceptionClasses.parse(" , ").isEmpty());
        assertFalse(ExceptionClasses.NONE.matches(new RuntimeException()));

        BufferException refused = assertThrows(BufferException.class,
                () -> BufferOptions.builder("orders").set("nonRetryable", "java.sql.SQLException, not a class"));

        assertTrue(refused.getMessage().contains("nonRetryable"), refused.getMessage());
        assertTrue(refused.getMessage().contains("'not a class' is not a class name"), refused.getMessage());
    }

    @Test
    void theOptionReadsBackAsItsNamesAndChangesAtRuntime() {
        BufferOptions options = BufferOptions.builder("orders").nonRetryable("java.sql.SQLException").build();

        assertEquals("java.sql.SQLException", options.asMap().get("nonRetryable"));
        assertEquals("", options.withUpdates(java.util.Map.of("nonRetryable", "")).asMap().get("nonRetryable"));
    }
}
