package org.messagestore.jndi;

import java.util.Hashtable;
import javax.naming.Context;
import javax.naming.NamingException;
import javax.naming.spi.InitialContextFactory;

/**
 * Lets applications look up MessageStore connection factories and destinations with a plain
 * {@code new InitialContext()}, configured by a {@code jndi.properties} file on the class path or
 * by the environment passed to the InitialContext:
 *
 * <pre>
 * java.naming.factory.initial = org.messagestore.jndi.MessageStoreInitialContextFactory
 * connectionFactory.ConnectionFactory = vm://localhost
 * queue.orders = orders
 * topic.prices = prices
 * </pre>
 *
 * <p>See {@link JndiBindings} for every entry it reads. The returned context is read-only.
 */
public final class MessageStoreInitialContextFactory implements InitialContextFactory {

    @Override
    public Context getInitialContext(Hashtable<?, ?> environment) throws NamingException {
        Hashtable<?, ?> env = environment == null ? new Hashtable<>() : environment;
        return new ReadOnlyContext(JndiBindings.from(env), env);
    }
}
