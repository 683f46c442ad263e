package org.torchplan.testsupport;

import java.util.Collection;
import java.util.List;
import java.util.Map;

/** PEP 503 pages of the loopback index's PyPI stand-in, with PEP 658/714 metadata attributes. */
final class PypiPages {

    private PypiPages() {
    }

    static String projectList(Collection<String> normalizedNames) {
        StringBuilder page = new StringBuilder("<!DOCTYPE html>\n<html>\n  <body>\n");
        for (String name : normalizedNames) {
            page.append("    <a href=\"").append(name).append("/\">").append(name).append("</a><br/>\n");
        }
        return page.append("  </body>\n</html>\n").toString();
    }

    /** {@code yanked}: yank reasons by file name, for the files to mark {@code data-yanked} (PEP 592). */
    static String projectPage(String normalizedName, List<GeneratedWheel> wheels, String serverBaseUrl,
                              Map<String, String> yanked) {
        StringBuilder page = new StringBuilder("<!DOCTYPE html>\n<html>\n  <body>\n")
                .append("    <h1>Links for ").append(normalizedName).append("</h1>\n");
        for (GeneratedWheel wheel : wheels) {
            String metadataDigest = "sha256=" + wheel.metadataSha256();
            page.append("    <a href=\"").append(serverBaseUrl)
                    .append(IndexPageRewriter.servedPath("/pypi/" + wheel.fileName()).replace("+", "%2B"))
                    .append("#sha256=").append(wheel.sha256()).append('"')
                    .append(" data-dist-info-metadata=\"").append(metadataDigest).append('"')
                    .append(" data-core-metadata=\"").append(metadataDigest).append('"');
            wheel.requiresPython().ifPresent(requiresPython -> page
                    .append(" data-requires-python=\"").append(escapeAttribute(requiresPython)).append('"'));
            String yankReason = yanked.get(wheel.fileName());
            if (yankReason != null) {
                page.append(" data-yanked=\"").append(escapeAttribute(yankReason)).append('"');
            }
            page.append('>').append(wheel.fileName()).append("</a><br/>\n");
        }
        return page.append("  </body>\n</html>\n").toString();
    }

    private static String escapeAttribute(String value) {
        return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
