package org.messagestore.model;

/** The six message types of Jakarta Messaging 3.1 (chapter 3.11, "Message body"). */
public enum BodyType {
    /** A plain {@code Message}: headers and properties only. */
    MESSAGE, TEXT, BYTES, MAP, STREAM, OBJECT
}
