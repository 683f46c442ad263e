package org.torchplan.catalog.index;

import org.torchplan.testsupport.MirrorServer;
import java.util.List;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class HtmlIndexParserTest {

    private static final String PAGE_URL = "https://download.pytorch.org/whl/cu126/torchtune/";

    @Test
    void readsEveryAttributeOfARecordedPage() {
        ParsedPage page = HtmlIndexParser.parse(PAGE_URL, MirrorServer.resource("/whl/cu126/torchtune/index.html"));

        assertThat(page.skipped()).isZero();
        assertThat(page.links()).containsExactly(new IndexLink(
                "torchtune-0.6.0+cu126-py3-none-any.whl",
                "https://download.pytorch.org/whl/cu126/torchtune-0.6.0%2Bcu126-py3-none-any.whl",
                "42779823b4ab0e116cb63c2e39c9fc99192b4010e4397ffc321364eabe4448b3",
                null,
                true,
                Instant.parse("2025-03-27T20:32:31Z"),
                null,
                "011d7f5b972e3cf7c01122ea853e4ea94e83d067fc85f56e4a78f504f20a9f42"));
    }

    @Test
    void readsEveryLinkOfTheAllBackendsPage() {
        ParsedPage page = HtmlIndexParser.parse("https://download.pytorch.org/whl/torchtune/",
                MirrorServer.resource("/whl/torchtune/index.html"));

        assertThat(page.links()).hasSize(34);
        assertThat(page.links()).allSatisfy(link -> assertThat(link.fileName()).startsWith("torchtune-"));
    }

    @Test
    void resolvesRelativeLinksAgainstThePage() {
        String html = """
                <a href="../../packages/torch-2.5.1-cp312-none-macosx_11_0_arm64.whl#sha256=ABCDEF0123456789abcdef0123456789abcdef0123456789abcdef0123456789">x</a>
                <a href="torch-2.5.1%2Bcpu-cp312-cp312-linux_x86_64.whl">y</a>
                <a href="/whl/torch-2.5.1-cp39-none-macosx_11_0_arm64.whl">z</a>
                """;

        ParsedPage page = HtmlIndexParser.parse("https://mirror.example/simple/cpu/torch/", html);

        assertThat(page.links()).extracting(IndexLink::url).containsExactly(
                "https://mirror.example/simple/packages/torch-2.5.1-cp312-none-macosx_11_0_arm64.whl",
                "https://mirror.example/simple/cpu/torch/torch-2.5.1%2Bcpu-cp312-cp312-linux_x86_64.whl",
                "https://mirror.example/whl/torch-2.5.1-cp39-none-macosx_11_0_arm64.whl");
        assertThat(page.links()).extracting(IndexLink::fileName).containsExactly(
                "torch-2.5.1-cp312-none-macosx_11_0_arm64.whl",
                "torch-2.5.1+cpu-cp312-cp312-linux_x86_64.whl",
                "torch-2.5.1-cp39-none-macosx_11_0_arm64.whl");
        assertThat(page.links().get(0).sha256())
                .isEqualTo("abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789");
    }

    @Test
    void unescapesAttributesAndReadsYankedAndMetadataFlags() {
        String html = "<A HREF='a-1.0-py3-none-any.whl' data-requires-python=\"&gt;=3.9,&lt;4&#44;!=3.9.1\" "
                + "data-yanked=\"broken &amp; withdrawn\" data-dist-info-metadata=true>a</A>"
                + "<a href=b-1.0-py3-none-any.whl data-yanked data-core-metadata=\"false\">b</a>";

        ParsedPage page = HtmlIndexParser.parse("https://example.org/simple/a/", html);

        IndexLink first = page.links().get(0);
        assertThat(first.requiresPython()).isEqualTo(">=3.9,<4,!=3.9.1");
        assertThat(first.yanked()).isEqualTo("broken & withdrawn");
        assertThat(first.hasCoreMetadata()).isTrue();
        IndexLink second = page.links().get(1);
        assertThat(second.yanked()).isEqualTo("");
        assertThat(second.hasCoreMetadata()).isFalse();
    }

    @Test
    void keepsTheDigestDeclaredForTheMetadataFile() {
        String digest = "ABCDEF0123456789abcdef0123456789abcdef0123456789abcdef0123456789";
        String html = "<a href=a-1.0-py3-none-any.whl data-core-metadata=\"sha256=" + digest + "\">a</a>"
                + "<a href=b-1.0-py3-none-any.whl data-dist-info-metadata=\"sha256=" + digest + "\">b</a>"
                + "<a href=c-1.0-py3-none-any.whl data-core-metadata=true>c</a>"
                + "<a href=d-1.0-py3-none-any.whl data-core-metadata=\"sha256=1\">d</a>"
                + "<a href=e-1.0-py3-none-any.whl data-core-metadata=\"false\" "
                + "data-dist-info-metadata=\"sha256=" + digest + "\">e</a>";

        List<IndexLink> links = HtmlIndexParser.parse("https://example.org/simple/a/", html).links();

        assertThat(links).extracting(IndexLink::coreMetadataSha256)
                .containsExactly(digest.toLowerCase(java.util.Locale.ROOT), digest.toLowerCase(java.util.Locale.ROOT),
                        null, null, null);
        assertThat(links).extracting(IndexLink::hasCoreMetadata).containsExactly(true, true, true, true, false);
    }

    @Test
    void skipsScriptsCommentsFoldersAndAnchorsWithoutHref() {
        String html = """
                <html><head><script>var s = '<a href="evil-1.0-py3-none-any.whl">';</script>
                <style>a[href] { color: red }</style></head><body>
                <!-- <a href="commented-1.0-py3-none-any.whl">c</a> -->
                <a name="top">top</a>
                <a href="subfolder/">a folder</a>
                <a href="javascript:void(0)">challenge</a>
                <a href="good-1.0-py3-none-any.whl">good</a>
                <a href="unterminated
                """;

        ParsedPage page = HtmlIndexParser.parse("https://example.org/simple/good/", html);

        assertThat(page.links()).extracting(IndexLink::fileName).containsExactly("good-1.0-py3-none-any.whl");
        assertThat(page.skipped()).isEqualTo(3);
    }

    @Test
    void keepsReadingAfterAnAnchorThatIsNeverClosed() {
        String html = "<a href=\"a-1.0-py3-none-any.whl\">a-1.0<br/><abbr>x</abbr>"
                + "<a href=\"b-1.0-py3-none-any.whl\">b-1.0</a><a href=\"c-1.0-py3-none-any.whl\">c</A>";

        ParsedPage page = HtmlIndexParser.parse("https://example.org/simple/a/", html);

        assertThat(page.links()).extracting(IndexLink::fileName)
                .containsExactly("a-1.0-py3-none-any.whl", "b-1.0-py3-none-any.whl", "c-1.0-py3-none-any.whl");
    }

    @Test
    void readsTheFoldersOfTheRootListing() {
        assertThat(HtmlIndexParser.folders(MirrorServer.resource("/whl/index.html")))
                .contains("cpu", "cu126", "rocm6.2.4", "xpu", "nightly", "torch", "torchvision")
                .doesNotContain("");
    }

    @Test
    void keepsAnEmptyPageEmpty() {
        assertThat(HtmlIndexParser.parse(PAGE_URL, "").links()).isEmpty();
        assertThat(HtmlIndexParser.parse(PAGE_URL, "<html><body><h1>Links for torch</h1></body></html>").links())
                .isEmpty();
    }
}
