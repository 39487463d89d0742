package org.messagestore.config;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

/**
 * Reads the files a configuration names: a path, relative to the working directory, or a resource on
 * the classpath written {@code classpath:name} (so an application can ship its broker's configuration
 * in its jar). Text is UTF-8.
 */
public final class ConfigResources {

    public static final String CLASSPATH_PREFIX = "classpath:";

    private final ClassLoader loader;

    /** {@code loader} finds {@code classpath:} resources. */
    public ConfigResources(ClassLoader loader) {
        this.loader = loader;
    }

    /** The properties at {@code location}; InvalidConfigException when it is missing or unreadable. */
    public Properties properties(String location) throws InvalidConfigException {
        Properties properties = new Properties();
        try (Reader reader = open(location)) {
            properties.load(reader);
        } catch (NoSuchFileException e) {
            throw new InvalidConfigException("configuration file " + describe(location) + " does not exist", e);
        } catch (IOException | IllegalArgumentException e) {
            throw new InvalidConfigException("cannot read configuration file " + describe(location) + ": " + e.getMessage(), e);
        }
        return properties;
    }

    /** The properties of the classpath resource {@code name}, when there is one. */
    public Optional<Properties> optionalProperties(String name) throws InvalidConfigException {
        return loader.getResource(name) == null ? Optional.empty() : Optional.of(properties(CLASSPATH_PREFIX + name));
    }

    /**
     * The lines of the text at {@code location}, the {@code what} of a configuration (e.g. "users file");
     * UncheckedIOException when it is missing or unreadable.
     */
    public List<String> lines(String location, String what) {
        try (BufferedReader reader = new BufferedReader(open(location))) {
            return reader.lines().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + what + " " + describe(location) + ": " + e, e);
        } catch (UncheckedIOException e) {
            throw new UncheckedIOException("cannot read " + what + " " + describe(location) + ": " + e.getCause(), e.getCause());
        }
    }

    /** How messages name {@code location}: a classpath resource as written, a file by its absolute path. */
    public static String describe(String location) {
        return location.startsWith(CLASSPATH_PREFIX) ? location : Path.of(location).toAbsolutePath().toString();
    }

    private Reader open(String location) throws IOException {
        if (!location.startsWith(CLASSPATH_PREFIX)) {
            return Files.newBufferedReader(Path.of(location), StandardCharsets.UTF_8);
        }
        String name = location.substring(CLASSPATH_PREFIX.length());
        InputStream in = loader.getResourceAsStream(name.startsWith("/") ? name.substring(1) : name);
        if (in == null) {
            throw new NoSuchFileException(location);
        }
        return new InputStreamReader(in, StandardCharsets.UTF_8);
    }
}
