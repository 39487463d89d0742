package org.messagestore.ra.it;

import java.io.File;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.EmptyAsset;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.importer.ZipImporter;
import org.jboss.shrinkwrap.api.spec.ResourceAdapterArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/** The archives the tests deploy: the RAR this module built, and small applications beside it. */
final class Deployments {

    /** The runtime name the server configuration (src/test/wildfly) gives the adapter. */
    static final String ADAPTER = "messagestore-ra.rar";

    private Deployments() {
    }

    /** The built RAR, unchanged, under the name the server's configuration expects. */
    static ResourceAdapterArchive adapter() {
        File built = new File(System.getProperty("messagestore.rar"));
        return ShrinkWrap.create(ZipImporter.class, ADAPTER).importFrom(built).as(ResourceAdapterArchive.class);
    }

    /**
     * An application beside the adapter. WildFly builds the resources of {@code @JMSConnectionFactoryDefinition}
     * and {@code @JMSDestinationDefinition} with the application's class loader, so it must see the adapter's
     * classes: the manifest's Dependencies entry does that.
     */
    static WebArchive application(String name, Class<?>... classes) {
        return ShrinkWrap.create(WebArchive.class, name + ".war")
                .addClasses(Journal.class, Deployments.class)
                .addClasses(classes)
                .addAsWebInfResource(EmptyAsset.INSTANCE, "beans.xml")
                .setManifest(new StringAsset("Manifest-Version: 1.0\nDependencies: deployment." + ADAPTER + "\n"));
    }

    @SuppressWarnings("unchecked")
    static <T> T bean(Class<T> type) throws NamingException {
        return (T) new InitialContext().lookup("java:module/" + type.getSimpleName());
    }

    @SuppressWarnings("unchecked")
    static <T> T lookup(String name) throws NamingException {
        return (T) new InitialContext().lookup(name);
    }
}
