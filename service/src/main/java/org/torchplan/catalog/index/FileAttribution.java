package org.torchplan.catalog.index;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.List;
import java.util.regex.Pattern;
import okhttp3.HttpUrl;
import org.torchplan.backend.ComputeBackend;
import org.torchplan.catalog.model.Channel;
import org.torchplan.catalog.model.IndexedFile;
import org.torchplan.catalog.model.PackageEntry;

/**
 * Which backend of a channel a listed wheel belongs to, read from where the index stores it.
 *
 * <p>pip only sees what a backend's own page lists: the files stored in the backend's folder
 * ({@code /whl/cu126/}) and the files stored at the root of the channel ({@code /whl/}), which the index lists on
 * every backend's page. The all-backends page ({@code /whl/torch/}) has more: on some days it also listed folders
 * that are not backends at all ({@code /whl/cpu-cxx11-abi/}, {@code /whl/cu121_pypi_cudnn/}) with local labels such
 * as {@code +cpu.cxx11.abi}. A file is therefore given to a backend only on positive evidence, and kept apart
 * otherwise:
 * <ol>
 *   <li>its folder is exactly a backend's name, below the channel's own root: that backend, unless its local label
 *       declares a build variant of its own ({@code +cpu.cxx11.abi}, {@code +cu117.with.pypi.cudnn}) or a backend
 *       of another kind; build numbers and git hashes in a label ({@code +rocm6.3.42131.fa1d09cbd},
 *       {@code +0429d73}) are not variants;</li>
 *   <li>its folder names a variant of a backend ({@code cpu-cxx11-abi}, {@code cu117_pypi_cudnn}, {@code cu12.6}),
 *       another channel, or a versioned line ({@code lts/1.8/cu111}): not attributed;</li>
 *   <li>any other folder is a storage root (the index's {@code /whl/}, or a mirror that stores files flat): a file
 *       without local label belongs to every backend, a file whose label is exactly a backend's name to that one,
 *       anything else is not attributed.</li>
 * </ol>
 */
public sealed interface FileAttribution {

    /** The file belongs to one backend. */
    public record Backend(ComputeBackend backend) implements FileAttribution {}

    /** The file is stored at the root and listed on every backend's page. */
    public record EveryBackend() implements FileAttribution {}

    /** No backend: the folder (or label) it was found under, for the catalog's report. */
    public record Unattributed(String group) implements FileAttribution {}

    /** A local label segment that is a build number, a git hash or a build date, not a variant word. */
    Pattern BUILD_IDENTIFIER = Pattern.compile("[0-9a-f]+|d[0-9]{8}|git[0-9a-f]+");

    /** A versioned release line folder, such as the {@code 1.8} of {@code /whl/lts/1.8/cu111/}. */
    Pattern VERSION_FOLDER = Pattern.compile("[0-9]+(\\.[0-9]+)*");

    public static FileAttribution of(IndexedFile file, Channel channel) {
        return of(parentFolders(file.url()), file.version().local(), channel);
    }

    /** @param folders {grandparent, parent} of the file, as {@link #parentFolders} cuts them */
    private static FileAttribution of(String[] folders, String label, Channel channel) {
        String grandparent = folders[0];
        String folder = folders[1];
        ComputeBackend named = exactBackend(folder);
        if (named != null) {
            if (!belowChannelRoot(grandparent, channel)) {
                return new Unattributed(grandparent + "/" + folder);
            }
            return label == null || isOwnLabel(label, named) ? new Backend(named) : new Unattributed(folder + " (+" + label + ")");
        }
        if (namesVariant(folder) || isChannelFolder(folder, channel) || VERSION_FOLDER.matcher(folder).matches()) {
            return new Unattributed(folder);
        }
        if (label == null) {
            return new EveryBackend();
        }
        ComputeBackend labelled = exactBackend(label);
        return labelled != null ? new Backend(labelled) : new Unattributed("+" + label);
    }

    /**
     * The entry with only the files its backend owns: for stored data recorded before this rule (a root file
     * labelled {@code +cpu} was once kept on every backend's page).
     */
    static PackageEntry ownFiles(PackageEntry entry) {
        List<IndexedFile> own = new ArrayList<>(entry.files().size());
        // the files of an entry share a few folders and labels: each combination is judged once
        Map<List<String>, Boolean> owned = new HashMap<>();
        for (IndexedFile file : entry.files()) {
            String[] folders = parentFolders(file.url());
            String label = file.version().local();
            List<String> key = java.util.Arrays.asList(folders[0], folders[1], label);
            Boolean isOwn = owned.get(key);
            if (isOwn == null) {
                FileAttribution attribution = of(folders, label, entry.channel());
                isOwn = attribution instanceof EveryBackend
                        || attribution instanceof Backend owner && owner.backend().equals(entry.backend());
                owned.put(key, isOwn);
            }
            if (isOwn) {
                own.add(file);
            }
        }
        return own.size() == entry.files().size() ? entry
                : new PackageEntry(entry.channel(), entry.backend(), entry.packageName(), own, entry.fetchedAt(),
                        entry.source(), entry.staleReason());
    }

    /** The backend a name spells exactly in canonical form ({@code cu126}, not {@code cu12.6} or {@code CU126}). */
    public static ComputeBackend exactBackend(String name) {
        ComputeBackend backend = ComputeBackend.parseOrNull(name);
        return backend != null && backend.toString().equals(name) ? backend : null;
    }

    /**
     * Whether a label found in the folder of {@code backend} is one of its builds: the label starts with a backend
     * of the same kind (rocm6.2 builds are published under rocm6.2.4) or with no backend at all, and every other
     * part is a build identifier.
     */
    private static boolean isOwnLabel(String label, ComputeBackend backend) {
        String[] parts = label.split("\\.");
        int start = 0;
        // the longest leading run of parts that names a backend (rocm6.2.4 spans three parts)
        for (int end = Math.min(parts.length, 3); end >= 1; end--) {
            ComputeBackend leading = exactBackend(String.join(".", java.util.Arrays.copyOf(parts, end)));
            if (leading != null) {
                if (leading.kind() != backend.kind()) {
                    return false;
                }
                start = end;
                break;
            }
        }
        for (int index = start; index < parts.length; index++) {
            if (!BUILD_IDENTIFIER.matcher(parts[index]).matches()) {
                return false;
            }
        }
        return true;
    }

    /** A folder whose name starts with a backend name and goes on ({@code cpu-cxx11-abi}), or a non-canonical spelling. */
    private static boolean namesVariant(String folder) {
        if (ComputeBackend.parseOrNull(folder) != null) {
            return true; // a backend, but not spelled as the index spells its folders
        }
        int separator = indexOfSeparator(folder);
        return separator > 0 && ComputeBackend.parseOrNull(folder.substring(0, separator)) != null;
    }

    private static int indexOfSeparator(String folder) {
        for (int index = 0; index < folder.length(); index++) {
            char character = folder.charAt(index);
            if (character == '-' || character == '_' || character == '+') {
                return index;
            }
        }
        return -1;
    }

    /** A folder of a backend must sit directly below its channel's root: {@code whl/cu126}, {@code nightly/cu126}. */
    private static boolean belowChannelRoot(String grandparent, Channel channel) {
        if (channel != Channel.STABLE) {
            return grandparent.equals(channel.id());
        }
        return !isChannelFolder(grandparent, channel) && !grandparent.equals("lts")
                && !VERSION_FOLDER.matcher(grandparent).matches();
    }

    /** The folder of a channel other than {@code channel} ({@code nightly}, {@code test}). */
    private static boolean isChannelFolder(String folder, Channel channel) {
        for (Channel other : Channel.values()) {
            if (other != channel && other != Channel.STABLE && other.id().equals(folder)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The two folders above a file, {grandparent, parent}, as the URL's decoded path segments name them ("" where
     * the path is shorter or the URL is not http(s)). Plain URLs, which are all an index lists in practice, are cut
     * by hand (a catalog load reads tens of thousands); anything unusual (percent escapes, dot segments,
     * backslashes) goes through OkHttp's parser, whose reading is the reference.
     */
    static String[] parentFolders(String url) {
        String[] plain = plainParentFolders(url);
        if (plain != null) {
            return plain;
        }
        HttpUrl parsed = HttpUrl.parse(url);
        int size = parsed == null ? 0 : parsed.pathSize();
        return new String[] {
            size >= 3 ? parsed.pathSegments().get(size - 3) : "",
            size >= 2 ? parsed.pathSegments().get(size - 2) : ""};
    }

    private static String[] plainParentFolders(String url) {
        int schemeEnd;
        if (url.regionMatches(true, 0, "https://", 0, 8)) {
            schemeEnd = 8;
        } else if (url.regionMatches(true, 0, "http://", 0, 7)) {
            schemeEnd = 7;
        } else {
            return null;
        }
        int end = url.length();
        for (int index = schemeEnd; index < url.length(); index++) {
            char character = url.charAt(index);
            if (character == '?' || character == '#') {
                end = index;
                break;
            }
            if (character == '\\' || character <= ' ' || character >= 0x7f) {
                return null;
            }
        }
        int pathStart = url.indexOf('/', schemeEnd);
        if (pathStart < 0 || pathStart >= end || url.lastIndexOf('@', end - 1) >= schemeEnd) {
            return null; // no path, or user info: let the reference parser read it
        }
        String[] segments = url.substring(pathStart + 1, end).split("/", -1);
        for (int index = 0; index < segments.length; index++) {
            String segment = segments[index];
            // a folder with escapes needs decoding; the file's own name (its '+' is often %2B) only when it could
            // spell a dot segment
            boolean escaped = segment.indexOf('%') >= 0 && (index < segments.length - 1 || segment.length() <= 6);
            if (escaped || segment.equals(".") || segment.equals("..")) {
                return null;
            }
        }
        int size = segments.length;
        return new String[] {size >= 3 ? segments[size - 3] : "", size >= 2 ? segments[size - 2] : ""};
    }
}
