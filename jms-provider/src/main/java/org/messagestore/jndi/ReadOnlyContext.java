package org.messagestore.jndi;

import java.util.Hashtable;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.function.Function;
import javax.naming.Binding;
import javax.naming.CompositeName;
import javax.naming.Context;
import javax.naming.Name;
import javax.naming.NameClassPair;
import javax.naming.NameParser;
import javax.naming.NamingEnumeration;
import javax.naming.NamingException;
import javax.naming.NotContextException;
import javax.naming.OperationNotSupportedException;

/**
 * A flat, read-only JNDI context over {@link JndiBindings}. Lookups never change it, so one set of
 * bindings can back any number of contexts; the bindings only change by building a new
 * InitialContext from a new environment. Operations that would change bindings throw
 * {@link OperationNotSupportedException}.
 */
final class ReadOnlyContext implements Context {

    private static final NameParser PARSER = CompositeName::new;

    private final JndiBindings bindings;
    private final Hashtable<Object, Object> environment;

    ReadOnlyContext(JndiBindings bindings, Map<?, ?> environment) {
        this.bindings = bindings;
        this.environment = new Hashtable<>(environment);
    }

    // ---- reading ----

    /** The object bound to {@code name}; the empty name gives a new context over the same bindings. */
    @Override
    public Object lookup(String name) throws NamingException {
        if (name == null || name.isEmpty()) {
            return new ReadOnlyContext(bindings, environment);
        }
        return bindings.lookup(name);
    }

    @Override
    public Object lookup(Name name) throws NamingException {
        return lookup(name.toString());
    }

    @Override
    public Object lookupLink(String name) throws NamingException {
        return lookup(name);
    }

    @Override
    public Object lookupLink(Name name) throws NamingException {
        return lookup(name);
    }

    @Override
    public NamingEnumeration<NameClassPair> list(String name) throws NamingException {
        return contextNamed(name).enumerate(e -> new NameClassPair(e.getKey(), e.getValue().getClass().getName()));
    }

    @Override
    public NamingEnumeration<NameClassPair> list(Name name) throws NamingException {
        return list(name.toString());
    }

    @Override
    public NamingEnumeration<Binding> listBindings(String name) throws NamingException {
        return contextNamed(name).enumerate(e -> new Binding(e.getKey(), e.getValue()));
    }

    @Override
    public NamingEnumeration<Binding> listBindings(Name name) throws NamingException {
        return listBindings(name.toString());
    }

    @Override
    public NameParser getNameParser(String name) {
        return PARSER;
    }

    @Override
    public NameParser getNameParser(Name name) {
        return PARSER;
    }

    @Override
    public Name composeName(Name name, Name prefix) throws NamingException {
        return ((Name) prefix.clone()).addAll(name);
    }

    @Override
    public String composeName(String name, String prefix) throws NamingException {
        return composeName(new CompositeName(name), new CompositeName(prefix)).toString();
    }

    @Override
    public String getNameInNamespace() {
        return "";
    }

    // ---- environment: private to this context, as javax.naming.Context specifies ----

    @Override
    public Object addToEnvironment(String propName, Object propVal) {
        return environment.put(propName, propVal);
    }

    @Override
    public Object removeFromEnvironment(String propName) {
        return environment.remove(propName);
    }

    @Override
    public Hashtable<?, ?> getEnvironment() {
        return new Hashtable<>(environment);
    }

    /** Holds nothing that needs releasing: the connection factories connect only when used. */
    @Override
    public void close() {
    }

    // ---- changing bindings: not supported ----

    @Override
    public void bind(String name, Object obj) throws NamingException {
        throw readOnly("bind", name);
    }

    @Override
    public void bind(Name name, Object obj) throws NamingException {
        throw readOnly("bind", name);
    }

    @Override
    public void rebind(String name, Object obj) throws NamingException {
        throw readOnly("rebind", name);
    }

    @Override
    public void rebind(Name name, Object obj) throws NamingException {
        throw readOnly("rebind", name);
    }

    @Override
    public void unbind(String name) throws NamingException {
        throw readOnly("unbind", name);
    }

    @Override
    public void unbind(Name name) throws NamingException {
        throw readOnly("unbind", name);
    }

    @Override
    public void rename(String oldName, String newName) throws NamingException {
        throw readOnly("rename", oldName);
    }

    @Override
    public void rename(Name oldName, Name newName) throws NamingException {
        throw readOnly("rename", oldName);
    }

    @Override
    public Context createSubcontext(String name) throws NamingException {
        throw readOnly("createSubcontext", name);
    }

    @Override
    public Context createSubcontext(Name name) throws NamingException {
        throw readOnly("createSubcontext", name);
    }

    @Override
    public void destroySubcontext(String name) throws NamingException {
        throw readOnly("destroySubcontext", name);
    }

    @Override
    public void destroySubcontext(Name name) throws NamingException {
        throw readOnly("destroySubcontext", name);
    }

    // ---- internals ----

    private ReadOnlyContext contextNamed(String name) throws NamingException {
        Object object = lookup(name);
        if (object instanceof ReadOnlyContext context) {
            return context;
        }
        throw new NotContextException("'" + name + "' is a " + object.getClass().getSimpleName() + ", not a context");
    }

    private <T> NamingEnumeration<T> enumerate(Function<Map.Entry<String, Object>, T> element) {
        return new IteratorEnumeration<>(bindings.all().entrySet().stream().map(element).iterator());
    }

    private static OperationNotSupportedException readOnly(String operation, Object name) {
        return new OperationNotSupportedException(operation + "('" + name + "') is not supported: the MessageStore JNDI"
                + " context is read-only; configure bindings in jndi.properties or the InitialContext environment");
    }

    /** A NamingEnumeration over an iterator of values computed up front. */
    private static final class IteratorEnumeration<T> implements NamingEnumeration<T> {
        private final Iterator<T> iterator;

        IteratorEnumeration(Iterator<T> iterator) {
            this.iterator = iterator;
        }

        @Override
        public boolean hasMore() {
            return iterator.hasNext();
        }

        @Override
        public boolean hasMoreElements() {
            return iterator.hasNext();
        }

        @Override
        public T next() {
            return nextElement();
        }

        @Override
        public T nextElement() {
            if (!iterator.hasNext()) {
                throw new NoSuchElementException();
            }
            return iterator.next();
        }

        @Override
        public void close() {
        }
    }
}
