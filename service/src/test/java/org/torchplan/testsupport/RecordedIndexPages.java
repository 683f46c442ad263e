package org.torchplan.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;

/**
 * The recorded PyTorch index pages in test resources ({@code index/whl/...}, see {@code scripts/copy-index-fixtures}),
 * read from the class path so the client module finds them in the service's test jar. A page directory
 * ({@code whl/cu126/torch/}) holds {@code index.html}, or {@code index.html.gz} for the large package pages.
 */
public final class RecordedIndexPages {

    private static final String RESOURCE_ROOT = "index/";
    /** One path segment of the index: backends, package names, {@code nightly}. Rules out {@code ..} and empties. */
    private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9_+-][A-Za-z0-9._+-]*");

    private final ClassLoader classLoader = RecordedIndexPages.class.getClassLoader();

    /** The page of a directory such as {@code whl/} or {@code whl/nightly/cpu/torch/}, when recorded. */
    public Optional<String> page(String directory) {
        if (!isSafeDirectory(directory)) {
            return Optional.empty();
        }
        URL plain = classLoader.getResource(RESOURCE_ROOT + directory + "index.html");
        if (plain != null) {
            return Optional.of(read(plain, false));
        }
        URL compressed = classLoader.getResource(RESOURCE_ROOT + directory + "index.html.gz");
        return compressed == null ? Optional.empty() : Optional.of(read(compressed, true));
    }

    private static boolean isSafeDirectory(String directory) {
        if (!directory.endsWith("/")) {
            return false;
        }
        for (String segment : directory.substring(0, directory.length() - 1).split("/", -1)) {
            if (!SEGMENT.matcher(segment).matches()) {
                return false;
            }
        }
        return true;
    }

    private static String read(URL resource, boolean gzipped) {
        try (InputStream raw = resource.openStream();
             InputStream in = gzipped ? new GZIPInputStream(raw) : raw) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read recorded index page " + resource, e);
        }
    }
}
