package org.messagestore.selector;

/**
 * A name in a selector: a header field reference or a property reference (§3.8.1.1). IN, LIKE and
 * IS NULL are defined on identifiers only.
 */
sealed interface Identifier extends Expression permits HeaderReference, PropertyReference {

    String name();

    @Override
    default ValueKind kind() {
        return ValueKind.ANY;
    }

    /** Resolves a name once, at parse time; names are case-sensitive (§3.8.1.1). */
    static Identifier named(String name) {
        return HeaderField.named(name)
                .<Identifier>map(HeaderReference::new)
                .orElseGet(() -> new PropertyReference(name));
    }
}
