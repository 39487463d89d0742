package org.messagestore.protocol;

import static org.messagestore.protocol.WireValues.readCount;
import static org.messagestore.protocol.WireValues.readString;
import static org.messagestore.protocol.WireValues.writeString;

import io.netty.buffer.ByteBuf;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.messagestore.model.AdminResult;

/**
 * The payloads of the management frames. A command's arguments, and each row of its result, travel as
 * a typed map in the layout of message properties ({@link MessageDataCodec}); the result's columns
 * come first, as a count and the names.
 */
final class AdminResultCodec {

    private AdminResultCodec() {
    }

    static void write(ByteBuf out, AdminResult result) {
        out.writeInt(result.columns().size());
        result.columns().forEach(column -> writeString(out, column));
        out.writeInt(result.rows().size());
        result.rows().forEach(row -> MessageDataCodec.writeProperties(out, row));
    }

    static AdminResult read(ByteBuf in) {
        int columnCount = readCount(in, "column count");
        List<String> columns = new ArrayList<>(columnCount);
        for (int i = 0; i < columnCount; i++) {
            String column = readString(in, "column name");
            if (column == null) {
                throw new MalformedFrameException("admin result column " + i + " has no name");
            }
            columns.add(column);
        }
        int rowCount = readCount(in, "row count");
        List<Map<String, Object>> rows = new ArrayList<>(rowCount);
        for (int i = 0; i < rowCount; i++) {
            rows.add(MessageDataCodec.readProperties(in));
        }
        return new AdminResult(columns, rows);
    }

    /** A command's arguments: every value a string. */
    static Map<String, String> readArguments(ByteBuf in) {
        Map<String, String> arguments = new LinkedHashMap<>();
        MessageDataCodec.readProperties(in).forEach((name, value) -> {
            if (value != null && !(value instanceof String)) {
                throw new MalformedFrameException("admin argument '" + name + "' is not a string");
            }
            if (value != null) {
                arguments.put(name, (String) value);
            }
        });
        return arguments;
    }
}
