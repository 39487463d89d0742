package org.messagestore.client.message;

import jakarta.jms.MessageFormatException;

/**
 * Encodes strings so that every Java string round-trips, including unpaired surrogates (which
 * {@code String.getBytes(UTF_8)} replaces with '?'): each UTF-16 char is written on its own as one,
 * two or three UTF-8-style bytes (CESU-8). Text made of BMP characters is byte-for-byte UTF-8; a
 * supplementary character takes six bytes instead of four. Unlike {@code DataOutput.writeUTF} there
 * is no 64K limit, because callers delimit the bytes themselves.
 *
 * <p>The decoder also accepts Java's modified UTF-8 (NUL as {@code C0 80}), so
 * {@code BytesMessage.readUTF} uses it too.
 */
final class Cesu8 {

    private Cesu8() {
    }

    static int encodedLength(String s) {
        int length = s.length();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= 0x80) {
                length += c < 0x800 ? 1 : 2;
            }
        }
        return length;
    }

    static byte[] encode(String s) {
        byte[] out = new byte[encodedLength(s)];
        encode(s, out, 0);
        return out;
    }

    /** Writes the encoding of {@code s} at {@code offset}; returns the offset after it. */
    static int encode(String s, byte[] out, int offset) {
        int p = offset;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                out[p++] = (byte) c;
            } else if (c < 0x800) {
                out[p++] = (byte) (0xC0 | (c >> 6));
                out[p++] = (byte) (0x80 | (c & 0x3F));
            } else {
                out[p++] = (byte) (0xE0 | (c >> 12));
                out[p++] = (byte) (0x80 | ((c >> 6) & 0x3F));
                out[p++] = (byte) (0x80 | (c & 0x3F));
            }
        }
        return p;
    }

    static String decode(byte[] in, int offset, int length) throws MessageFormatException {
        char[] out = new char[length];
        int n = 0;
        int p = offset;
        int end = offset + length;
        while (p < end) {
            int b = in[p++] & 0xFF;
            if (b < 0x80) {
                out[n++] = (char) b;
            } else if ((b & 0xE0) == 0xC0) {
                out[n++] = (char) (((b & 0x1F) << 6) | continuation(in, p++, end));
            } else if ((b & 0xF0) == 0xE0) {
                int high = continuation(in, p++, end);
                out[n++] = (char) (((b & 0x0F) << 12) | (high << 6) | continuation(in, p++, end));
            } else {
                throw malformed(p - 1);
            }
        }
        return new String(out, 0, n);
    }

    private static int continuation(byte[] in, int p, int end) throws MessageFormatException {
        if (p >= end || (in[p] & 0xC0) != 0x80) {
            throw malformed(p);
        }
        return in[p] & 0x3F;
    }

    private static MessageFormatException malformed(int position) {
        return new MessageFormatException("malformed string encoding in message body at byte " + position);
    }
}
