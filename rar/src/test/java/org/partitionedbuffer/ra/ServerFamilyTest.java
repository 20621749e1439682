package org.partitionedbuffer.ra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

// The server is told by its BootstrapContext's class name (those seen on each server), and only WildFly and Open
// Liberty make a deactivation the bean's last moment: Payara's reconfigurations, and unknown servers, keep the data.
class ServerFamilyTest {

    @Test
    void eachServersBootstrapContextNamesItsFamily() {
        assertEquals(ServerFamily.GLASSFISH, ServerFamily.ofContextClass(
                "com.sun.enterprise.connectors.BootstrapContextImpl"));
        assertEquals(ServerFamily.WILDFLY, ServerFamily.ofContextClass(
                "org.jboss.jca.core.bootstrapcontext.BaseCloneableBootstrapContext"));
        assertEquals(ServerFamily.LIBERTY, ServerFamily.ofContextClass("com.ibm.ws.jca.internal.BootstrapContextImpl"));
        assertEquals(ServerFamily.OTHER, ServerFamily.ofContextClass("org.apache.openejb.resource.BootstrapContext"));
    }

    @Test
    void onlyWildFlyAndLibertyDeliverAtDeactivation() {
        assertTrue(ServerFamily.WILDFLY.deactivationIsLastMoment());
        assertTrue(ServerFamily.LIBERTY.deactivationIsLastMoment());
        assertFalse(ServerFamily.GLASSFISH.deactivationIsLastMoment());
        assertFalse(ServerFamily.OTHER.deactivationIsLastMoment());
    }
}
