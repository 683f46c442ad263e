package org.torchplan.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.ResultActions;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** Bad input of every kind is a 400 (or 403, 413, 415, 422) problem naming what is wrong; never a 500. */
class PlanApiErrorTest extends ApiTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static final List<String> FIELDS = List.of("requirements[0]", "python", "platform.os", "platform.arch",
            "platform.glibc", "gpu.vendor", "gpu.driverVersion", "gpu.computeCapability", "channel", "backend",
            "strategy", "installer");

    private static final List<Object> HOSTILE_VALUES = List.of("$(reboot)", "`id`", "cp312; rm -rf /", "a|b",
            "a&b", "x\u0000y", "\u00e9", "\u202ecp312", "\u0000", "a\nb", "x".repeat(2000), "");

    private static final List<Object> WRONG_TYPES = List.of(12, true, List.of("cp312"), java.util.Map.of("a", 1));

    static Stream<Arguments> hostileFields() {
        List<Arguments> cases = new ArrayList<>();
        for (String field : FIELDS) {
            for (Object value : HOSTILE_VALUES) {
                cases.add(Arguments.of(field, value));
            }
            for (Object value : WRONG_TYPES) {
                cases.add(Arguments.of(field, value));
            }
            cases.add(Arguments.of(field, null));
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} = {1}")
    @MethodSource("hostileFields")
    void hostileOrMistypedFieldIsA400NamingIt(String field, Object value) throws Exception {
        String body = withField(field, value);

        problem(mvc.perform(post("/plan").contentType(MediaType.APPLICATION_JSON).content(body)), 400)
                .andExpect(jsonPath("$.errors[*].field", hasItem(field)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"python", "os", "arch", "glibc", "driver", "computeCapability", "channel", "backend",
            "strategy", "installer", "requirement", "format"})
    void hostileQueryParameterIsA400(String parameter) throws Exception {
        for (Object value : HOSTILE_VALUES) {
            var request = get("/plan").param("requirement", "torch").param("python", "cp312").param("os", "linux")
                    .param("arch", "x86_64");
            request.param(parameter, (String) value);
            problem(mvc.perform(request), 400);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"{", "[]", "\"torch\"", "null", "", "{\"requirements\": [\"torch\"]} x",
            "{\"python\": \"cp312\", \"python\": \"cp311\"}", "{\"requirements\": \"torch\"}", "\u0000",
            "{\"requirements\": [\"torch\"], \"python\": \"cp312\", \"platform\": {\"os\": \"linux\", "
                    + "\"arch\": \"x86_64\"}, \"extra\": 1}"})
    void malformedBodiesAreA400(String body) throws Exception {
        problem(mvc.perform(post("/plan").contentType(MediaType.APPLICATION_JSON).content(body)), 400);
    }

    @Test
    void malformedJsonIsDescribedByPlaceNotByParserInternals() throws Exception {
        problem(mvc.perform(post("/plan").contentType(MediaType.APPLICATION_JSON).content("{\n  \"python\": ")), 400)
                .andExpect(jsonPath("$.errors[0].field").value("body"))
                .andExpect(jsonPath("$.errors[0].message", org.hamcrest.Matchers.allOf(
                        org.hamcrest.Matchers.startsWith("not valid JSON: "),
                        org.hamcrest.Matchers.containsString("at line 2"),
                        org.hamcrest.Matchers.not(org.hamcrest.Matchers.containsString("REDACTED")),
                        org.hamcrest.Matchers.not(org.hamcrest.Matchers.containsString("StreamReadFeature")))));
    }

    @ParameterizedTest
    @ValueSource(strings = {"cp27", "2.7", "cp32", "cp3120", "cp309", "cp312t", "cp39t", "cp40", "pp310", "cp37m",
            "python3"})
    void malformedPythonTagsAreA400(String python) throws Exception {
        problem(mvc.perform(post("/plan").contentType(MediaType.APPLICATION_JSON)
                .content(withField("python", python))), 400)
                .andExpect(jsonPath("$.errors[0].field").value("python"));
    }

    @Test
    void python2IsA400SayingWhy() throws Exception {
        problem(mvc.perform(post("/plan").contentType(MediaType.APPLICATION_JSON)
                .content(withField("python", "cp27"))), 400)
                .andExpect(jsonPath("$.errors[0].message", containsString("Python 2 is not supported")))
                .andExpect(jsonPath("$.errors[0].message", containsString("cp27mu or cp27m")));
    }

    /** Whether wheels exist for a well-formed Python is the catalog's answer: a plan or a 422, never a 400. */
    @ParameterizedTest
    @ValueSource(strings = {"cp33", "cp36", "cp37", "cp38", "3.8", "cp39", "cp310", "cp311", "cp313", "cp313t",
            "cp314", "cp314t", "cp315", "cp316", "cp399", "3.12"})
    void supportedPythonTagsAreAccepted(String python) throws Exception {
        int status = mvc.perform(post("/plan").contentType(MediaType.APPLICATION_JSON)
                .content(withField("python", python))).andReturn().getResponse().getStatus();

        // 200, or 422 where the recorded index has no wheel for that Python yet: never a 400
        assertThat(status).isIn(200, 422);
    }

    @Test
    void everyBadFieldIsNamedInOneAnswer() throws Exception {
        problem(mvc.perform(post("/plan").contentType(MediaType.APPLICATION_JSON).content("""
                        {"requirements": ["torch>>2"], "python": "cp99", "platform": {"os": "beos", "arch": "x86_64"},
                         "channel": "weekly", "backend": "cu99.9.9x", "strategy": "oldest", "installer": "conda"}""")),
                400)
                .andExpect(jsonPath("$.errors[*].field").value(org.hamcrest.Matchers.containsInAnyOrder(
                        "requirements[0]", "python", "platform.os", "channel", "backend", "strategy", "installer")));
    }

    @Test
    void gpuFieldsOfAnotherVendorAreA400() throws Exception {
        problem(mvc.perform(post("/plan").contentType(MediaType.APPLICATION_JSON).content("""
                        {"requirements": ["torch"], "python": "cp312", "platform": {"os": "linux", "arch": "x86_64"},
                         "gpu": {"vendor": "amd", "driverVersion": "570.86.10"}}""")), 400)
                .andExpect(jsonPath("$.errors[*].field").value(org.hamcrest.Matchers.containsInAnyOrder(
                        "gpu.driverVersion", "gpu.architecture")));
        problem(mvc.perform(post("/plan").contentType(MediaType.APPLICATION_JSON).content("""
                        {"requirements": ["torch"], "python": "cp312", "platform": {"os": "windows", "arch": "s390x"}}
                        """)), 400)
                .andExpect(jsonPath("$.errors[0].field").value("platform"));
    }

    @Test
    void everyBadInstalledDistributionIsNamed() throws Exception {
        problem(mvc.perform(post("/plan").contentType(MediaType.APPLICATION_JSON).content("""
                        {"requirements": ["torch"], "python": "cp312", "platform": {"os": "linux", "arch": "x86_64"},
                         "installed": [{"name": "torch", "version": "not a version"}, {"name": "x y", "version": "1"},
                                       {"name": "numpy", "version": "2.1.0"}, {"name": "NumPy", "version": "2.0.0"},
                                       {"version": "1.0"}]}""")), 400)
                .andExpect(jsonPath("$.errors[*].field").value(org.hamcrest.Matchers.containsInAnyOrder(
                        "installed[0].version", "installed[1].name", "installed[3].name", "installed[4].name")));
        problem(mvc.perform(post("/plan").contentType(MediaType.APPLICATION_JSON).content("""
                        {"requirements": ["torch"], "python": "cp312", "platform": {"os": "linux", "arch": "x86_64"},
                         "installed": ["numpy", {"name": "a", "version": "1", "extra": true}]}""")), 400)
                .andExpect(jsonPath("$.errors[*].field").value(org.hamcrest.Matchers.containsInAnyOrder(
                        "installed[0]", "installed[1].extra")));
        problem(mvc.perform(post("/plan").contentType(MediaType.APPLICATION_JSON).content("""
                        {"requirements": ["torch"], "python": "cp312", "platform": {"os": "linux", "arch": "x86_64"},
                         "installed": {"torch": "2.8.0"}}""")), 400)
                .andExpect(jsonPath("$.errors[0].field").value("installed"));
    }

    @Test
    void aThirdPartyIndexThatCannotBeReadLeavesAPlanOfThePytorchPackagesThatSaysSo() throws Exception {
        mvc.perform(post("/plan").contentType(MediaType.APPLICATION_JSON).content("""
                        {"requirements": ["torch", "transformers"], "python": "cp312",
                         "platform": {"os": "linux", "arch": "x86_64", "glibc": "2.35"}}"""))
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.status().isOk())
                .andExpect(jsonPath("$.packages[0].name").value("torch"))
                .andExpect(jsonPath("$.environment").isEmpty())
                .andExpect(jsonPath("$.warnings", hasItem(containsString("the environment was not resolved"))))
                .andExpect(jsonPath("$.steps[1].argv", hasItem("transformers")));
    }

    @Test
    void tooManyRequirementsAreA400() throws Exception {
        List<String> requirements = new ArrayList<>();
        for (int index = 0; index < 65; index++) {
            requirements.add("package" + index);
        }
        problem(mvc.perform(post("/plan").contentType(MediaType.APPLICATION_JSON)
                .content(withField("requirements", requirements))), 400)
                .andExpect(jsonPath("$.errors[0].field").value("requirements"));
    }

    @Test
    void aRequirementOverOneKibibyteIsA400() throws Exception {
        problem(mvc.perform(post("/plan").contentType(MediaType.APPLICATION_JSON)
                .content(withField("requirements[0]", "torch" + " ".repeat(1020) + ">=2"))), 400)
                .andExpect(jsonPath("$.errors[0].field").value("requirements[0]"));
    }

    @Test
    void aUrlRequirementIsNotPlannable() throws Exception {
        problem(mvc.perform(post("/plan").contentType(MediaType.APPLICATION_JSON)
                .content(withField("requirements[0]", "torch @ https://example.com/torch-2.0.0-py3-none-any.whl"))),
                400)
                .andExpect(jsonPath("$.errors[0].message").value(containsString("direct URL")));
    }

    @Test
    void aBodyOver64KibibytesIsA413() throws Exception {
        String body = withField("requirements[0]", "torch") .replace("}", ", \"pad\": \"" + "x".repeat(70_000) + "\"}");

        problem(mvc.perform(post("/plan").contentType(MediaType.APPLICATION_JSON).content(body)), 413);
    }

    @Test
    void aChunkedBodyOver64KibibytesIsA413AndAChunkedBodyUnderItIsPlanned() throws Exception {
        String tooLarge = rawChunkedPost("{\"requirements\": [\"" + "x".repeat(70_000) + "\"]}");
        String small = rawChunkedPost(DRIVER_570_BODY);

        assertThat(tooLarge).startsWith("HTTP/1.1 413").contains("application/problem+json");
        assertThat(small).startsWith("HTTP/1.1 200").contains("2.12.0+cu126");
    }

    @Test
    void anotherContentTypeIsA415() throws Exception {
        problem(mvc.perform(post("/plan").contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .content("requirements=torch")), 415);
    }

    @Test
    void unknownQueryParameterIsA400() throws Exception {
        problem(mvc.perform(get("/plan").param("requirements", "torch").param("python", "cp312")
                .param("os", "linux").param("arch", "x86_64")), 400)
                .andExpect(jsonPath("$.errors[0].field").value("requirements"));
    }

    @Test
    void nothingSatisfiesIsA422WithAReasonPerCandidateBackend() throws Exception {
        problem(mvc.perform(post("/plan").contentType(MediaType.APPLICATION_JSON)
                .content(withField("requirements[0]", "torch>=9"))), 422)
                .andExpect(jsonPath("$.reasons", hasItem(startsWithText("cu129: no torch>=9 for cp312 linux x86_64"))))
                .andExpect(jsonPath("$.reasons", hasItem(startsWithText("cu126: "))))
                .andExpect(jsonPath("$.reasons", hasItem(startsWithText("cpu: "))));
    }

    @Test
    void python38WithATorchThatHasNoCp38WheelsIsA422WithReasonsNotA400() throws Exception {
        // the index has cp38 torch wheels up to 2.4.1 only, and none at all on the cu126 index
        problem(mvc.perform(post("/plan").contentType(MediaType.APPLICATION_JSON)
                .content(withField("python", "cp38").replace("\"torch\"", "\"torch>=2.5\""))), 422)
                .andExpect(jsonPath("$.reasons", hasItem(startsWithText("cu124: no torch>=2.5 for cp38 linux x86_64"))))
                .andExpect(jsonPath("$.reasons", hasItem(startsWithText("cu126: no torch for cp38 linux x86_64"))))
                .andExpect(jsonPath("$.reasons", hasItem(startsWithText("cpu: no torch>=2.5 for cp38 linux x86_64"))));
    }

    @Test
    void aCompanionWithNoKnownPairingIsA422NamingThePair() throws Exception {
        // torch 1.7.1 predates the release table, and companion metadata is off here: nothing pairs a torchvision
        problem(mvc.perform(post("/plan").contentType(MediaType.APPLICATION_JSON).content("""
                        {"requirements": ["torch<1.8", "torchvision"], "python": "cp39",
                         "platform": {"os": "linux", "arch": "x86_64", "glibc": "2.35"}}
                        """)), 422)
                .andExpect(jsonPath("$.reasons", hasItem("cpu: no torchvision known to be"
                        + " paired with torch 1.7.1 (no PEP 658 metadata, not in the release table)")));
    }

    @Test
    void aForbiddenChannelIsA403NamingTheRule() throws Exception {
        problem(mvc.perform(post("/plan").contentType(MediaType.APPLICATION_JSON)
                .content(withField("channel", "nightly"))), 403)
                .andExpect(jsonPath("$.rule").value("torchplan.policy.allowed-channels"));
    }

    @Test
    void errorsAreProblemDocumentsEvenWhenAShellScriptWasAsked() throws Exception {
        problem(mvc.perform(post("/plan").contentType(MediaType.APPLICATION_JSON).accept("text/x-shellscript")
                .content(withField("python", "cp2"))), 400);
    }

    private static org.hamcrest.Matcher<String> startsWithText(String prefix) {
        return org.hamcrest.Matchers.startsWith(prefix);
    }

    private static ResultActions problem(ResultActions result, int status) throws Exception {
        return result.andExpect(status().is(status))
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.status").value(status))
                .andExpect(jsonPath("$.title").isString())
                .andExpect(answer -> ProblemLeaks.assertNone(answer.getResponse().getContentAsString()));
    }

    /** The driver-570 request with one field (a dotted path, {@code requirements[0]} for the first) replaced. */
    static String withField(String path, Object value) {
        ObjectNode root = (ObjectNode) JSON.readTree(DRIVER_570_BODY);
        String[] parts = path.split("\\.");
        ObjectNode parent = parts.length == 1 ? root : (ObjectNode) root.get(parts[0]);
        String name = parts[parts.length - 1];
        JsonNode node = JSON.valueToTree(value);
        if (name.endsWith("[0]")) {
            ((tools.jackson.databind.node.ArrayNode) parent.get(name.substring(0, name.length() - 3))).set(0, node);
        } else {
            parent.set(name, node);
        }
        return JSON.writeValueAsString(root);
    }

    /** A POST with a chunked body over a plain socket: MockMvc cannot send chunked bodies. */
    private String rawChunkedPost(String body) throws Exception {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(30_000);
            OutputStream output = socket.getOutputStream();
            output.write(("POST /plan HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                    + "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            for (int offset = 0; offset < bytes.length; offset += 4096) {
                int length = Math.min(4096, bytes.length - offset);
                output.write((Integer.toHexString(length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                output.write(bytes, offset, length);
                output.write("\r\n".getBytes(StandardCharsets.US_ASCII));
            }
            output.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            output.flush();
            InputStream input = socket.getInputStream();
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            input.transferTo(answer);
            return answer.toString(StandardCharsets.UTF_8);
        }
    }
}
