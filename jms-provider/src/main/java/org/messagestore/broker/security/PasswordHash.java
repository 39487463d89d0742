package org.messagestore.broker.security;

import java.io.Console;
import java.io.PrintStream;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * A password stored as a salted PBKDF2-HMAC-SHA256 hash, written
 * {@code pbkdf2-sha256:<iterations>:<salt, base64>:<hash, base64>} so that every value carries what is
 * needed to check it, and the iteration count can be raised for new hashes without invalidating old ones.
 *
 * <p>Why PBKDF2: it is the one password-hashing function in every JDK ({@code PBKDF2WithHmacSHA256}),
 * so no library is needed. The default of {@value #DEFAULT_ITERATIONS} iterations follows the OWASP
 * Password Storage Cheat Sheet for PBKDF2-HMAC-SHA256; fewer than {@value #MIN_ITERATIONS} are refused
 * (NIST SP 800-132, 5.2: "a minimum of 1,000 iterations is recommended").
 *
 * <p>Command line: {@code java -cp jms-provider.jar org.messagestore.broker.security.PasswordHash [password]}
 * prints the hash of the password; without an argument it asks for it on the console, which keeps it
 * out of the shell history and the process list.
 */
public final class PasswordHash {

    public static final String SCHEME = "pbkdf2-sha256";
    public static final int DEFAULT_ITERATIONS = 600_000;
    public static final int MIN_ITERATIONS = 1_000;
    private static final String ALGORITHM = "PBKDF2WithHmacSHA256";
    private static final int SALT_BYTES = 16;
    private static final int HASH_BYTES = 32;

    private final int iterations;
    private final byte[] salt;
    private final byte[] hash;

    private PasswordHash(int iterations, byte[] salt, byte[] hash) {
        if (iterations < MIN_ITERATIONS) {
            throw new IllegalArgumentException("a " + SCHEME + " hash needs at least " + MIN_ITERATIONS
                    + " iterations, this one has " + iterations);
        }
        this.iterations = iterations;
        this.salt = salt.clone();
        this.hash = hash.clone();
    }

    /** Hashes {@code password} with a fresh random salt and {@link #DEFAULT_ITERATIONS}. */
    public static PasswordHash of(char[] password) {
        return of(password, DEFAULT_ITERATIONS);
    }

    public static PasswordHash of(char[] password, int iterations) {
        byte[] salt = new byte[SALT_BYTES];
        new SecureRandom().nextBytes(salt);
        return new PasswordHash(iterations, salt, derive(password, salt, iterations, HASH_BYTES));
    }

    /**
     * Reads the encoded form. The message of the IllegalArgumentException never repeats the value: a
     * plain password put there by mistake must not end up in a log.
     */
    public static PasswordHash parse(String encoded) {
        String[] parts = encoded.strip().split(":", -1);
        if (parts.length != 4 || !parts[0].equals(SCHEME)) {
            throw new IllegalArgumentException("not a password hash of the form " + SCHEME
                    + ":<iterations>:<salt>:<hash>; produce one with " + PasswordHash.class.getName());
        }
        int iterations;
        try {
            iterations = Integer.parseInt(parts[1]);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("the iteration count of a " + SCHEME + " hash must be a number");
        }
        byte[] salt = base64(parts[2]);
        byte[] hash = base64(parts[3]);
        if (salt.length == 0 || hash.length == 0) {
            throw new IllegalArgumentException("the salt and hash of a " + SCHEME + " hash must not be empty");
        }
        return new PasswordHash(iterations, salt, hash);
    }

    private static byte[] base64(String part) {
        try {
            return Base64.getDecoder().decode(part);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the salt and hash of a " + SCHEME + " hash must be base64");
        }
    }

    /** Whether {@code password} is the one hashed; compares in constant time so timing reveals nothing. */
    public boolean matches(char[] password) {
        return MessageDigest.isEqual(hash, derive(password, salt, iterations, hash.length));
    }

    public int iterations() {
        return iterations;
    }

    /** The encoded form, for a users file. */
    public String encoded() {
        Base64.Encoder b64 = Base64.getEncoder();
        return SCHEME + ":" + iterations + ":" + b64.encodeToString(salt) + ":" + b64.encodeToString(hash);
    }

    @Override
    public String toString() {
        return encoded();
    }

    private static byte[] derive(char[] password, byte[] salt, int iterations, int bytes) {
        PBEKeySpec spec = new PBEKeySpec(password, salt, iterations, bytes * 8);
        try {
            return SecretKeyFactory.getInstance(ALGORITHM).generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            // Every Java SE implementation must provide PBKDF2WithHmacSHA256 (JDK Security Standard Names).
            throw new IllegalStateException(ALGORITHM + " is not available in this JVM", e);
        } finally {
            spec.clearPassword();
        }
    }

    public static void main(String[] args) {
        System.exit(run(args, System.console(), System.out, System.err));
    }

    /** The command line, with its streams passed in so tests need not replace System.out. */
    static int run(String[] args, Console console, PrintStream out, PrintStream err) {
        char[] password;
        if (args.length == 1) {
            password = args[0].toCharArray();
        } else if (args.length == 0 && console != null) {
            password = console.readPassword("password: ");
            char[] again = console.readPassword("again: ");
            if (password == null || again == null || !Arrays.equals(password, again)) {
                err.println("the passwords differ (or input ended); nothing printed");
                return 1;
            }
        } else {
            err.println("usage: java -cp <jms-provider jar> " + PasswordHash.class.getName() + " [password]");
            err.println("  without a password it is read from the console (not echoed)");
            return 2;
        }
        if (password.length == 0) {
            err.println("an empty password cannot be hashed");
            return 1;
        }
        out.println(of(password).encoded());
        Arrays.fill(password, '\0');
        return 0;
    }
}
