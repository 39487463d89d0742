package org.messagestore.server.cli;

import jakarta.jms.BytesMessage;
import jakarta.jms.JMSException;
import jakarta.jms.MapMessage;
import jakarta.jms.Message;
import jakarta.jms.ObjectMessage;
import jakarta.jms.StreamMessage;
import jakarta.jms.TextMessage;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * One row per message, for {@code queue browse} and {@code receive}: its id (what {@code queue delete --id}
 * takes), when it was sent, the kind of body, whether it was delivered before, and the body, a text
 * shortened to {@code bodyLength} characters. Only text bodies are shown; the others are described, since
 * bytes or a serialized object on a terminal help no one.
 */
final class MessageRows {

    static final List<String> COLUMNS = List.of("messageId", "timestamp", "type", "redelivered", "body");

    private final int bodyLength;
    private final List<Map<String, Object>> rows = new ArrayList<>();

    MessageRows(int bodyLength) {
        this.bodyLength = bodyLength;
    }

    void add(Message message) throws JMSException {
        Map<String, Object> row = ResultTable.row();
        row.put("messageId", message.getJMSMessageID());
        long timestamp = message.getJMSTimestamp();
        row.put("timestamp", timestamp == 0 ? null : Instant.ofEpochMilli(timestamp).toString());
        row.put("type", type(message));
        row.put("redelivered", message.getJMSRedelivered());
        row.put("body", body(message));
        rows.add(row);
    }

    int size() {
        return rows.size();
    }

    ResultTable table() {
        return new ResultTable(COLUMNS, rows);
    }

    private static String type(Message message) {
        if (message instanceof TextMessage) {
            return "text";
        } else if (message instanceof BytesMessage) {
            return "bytes";
        } else if (message instanceof MapMessage) {
            return "map";
        } else if (message instanceof ObjectMessage) {
            return "object";
        } else if (message instanceof StreamMessage) {
            return "stream";
        }
        return "message";
    }

    private String body(Message message) throws JMSException {
        if (message instanceof TextMessage text) {
            return shorten(text.getText());
        } else if (message instanceof BytesMessage bytes) {
            return bytes.getBodyLength() + " bytes";
        } else if (message instanceof MapMessage map) {
            return "keys " + Collections.list(map.getMapNames());
        }
        return null;
    }

    private String shorten(String text) {
        if (text == null || text.length() <= bodyLength) {
            return text;
        }
        int end = bodyLength;
        if (Character.isHighSurrogate(text.charAt(end - 1))) {
            end--; // never split a character in two
        }
        return text.substring(0, end) + "…";
    }
}
