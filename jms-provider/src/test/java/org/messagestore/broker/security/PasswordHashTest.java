package org.messagestore.broker.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class PasswordHashTest {

    @Test
    void hashMatchesItsPasswordAfterARoundTripThroughItsEncodedForm() {
        PasswordHash hash = PasswordHash.of("s3cret".toCharArray(), 1_000);

        PasswordHash read = PasswordHash.parse(hash.encoded());

        assertThat(hash.encoded()).startsWith("pbkdf2-sha256:1000:");
        assertThat(read.matches("s3cret".toCharArray())).isTrue();
        assertThat(read.iterations()).isEqualTo(1_000);
    }

    @Test
    void wrongPasswordDoesNotMatch() {
        PasswordHash hash = PasswordHash.of("s3cret".toCharArray(), 1_000);

        assertThat(hash.matches("s3cret ".toCharArray())).isFalse();
        assertThat(hash.matches("S3cret".toCharArray())).isFalse();
        assertThat(hash.matches(new char[0])).isFalse();
    }

    @Test
    void samePasswordHashedTwiceGetsDifferentSalts() {
        assertThat(PasswordHash.of("pw".toCharArray(), 1_000).encoded())
                .isNotEqualTo(PasswordHash.of("pw".toCharArray(), 1_000).encoded());
    }

    @Test
    void defaultIterationCountFollowsOwasp() {
        assertThat(PasswordHash.DEFAULT_ITERATIONS).isEqualTo(600_000);
    }

    @Test
    void malformedValuesAreRefusedWithoutRepeatingThem() {
        assertThatThrownBy(() -> PasswordHash.parse("hunter2"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageNotContaining("hunter2");
        assertThatThrownBy(() -> PasswordHash.parse("pbkdf2-sha256:many:AAAA:AAAA"))
                .hasMessageContaining("iteration count");
        assertThatThrownBy(() -> PasswordHash.parse("pbkdf2-sha256:1000:%%%:AAAA")).hasMessageContaining("base64");
        assertThatThrownBy(() -> PasswordHash.parse("pbkdf2-sha256:10:AAAA:AAAA")).hasMessageContaining("at least 1000");
    }

    @Test
    void commandLinePrintsAHashOfItsArgument() {
        var out = new ByteArrayOutputStream();
        var err = new ByteArrayOutputStream();

        int status = PasswordHash.run(new String[] {"s3cret"}, null, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));

        assertThat(status).isZero();
        assertThat(PasswordHash.parse(out.toString(StandardCharsets.UTF_8)).matches("s3cret".toCharArray())).isTrue();
    }

    @Test
    void commandLineWithoutConsoleOrArgumentPrintsUsage() {
        var err = new ByteArrayOutputStream();

        int status = PasswordHash.run(new String[0], null, new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(err, true, StandardCharsets.UTF_8));

        assertThat(status).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("usage");
    }
}
