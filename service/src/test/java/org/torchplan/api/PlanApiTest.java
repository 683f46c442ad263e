package org.torchplan.api;

import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

class PlanApiTest extends ApiTest {

    @Test
    void postPlanAnswersTheIssuesShape() throws Exception {
        mvc.perform(post("/plan").contentType(MediaType.APPLICATION_JSON).content(DRIVER_570_BODY))
                .andExpect(status().isOk())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_JSON))
                .andExpect(jsonPath("$.backend").value("cu126"))
                .andExpect(jsonPath("$.channel").value("stable"))
                .andExpect(jsonPath("$.packages", hasSize(1)))
                .andExpect(jsonPath("$.packages[0].name").value("torch"))
                .andExpect(jsonPath("$.packages[0].version").value("2.12.0+cu126"))
                .andExpect(jsonPath("$.packages[0].filename")
                        .value("torch-2.12.0+cu126-cp312-cp312-manylinux_2_28_x86_64.whl"))
                .andExpect(jsonPath("$.packages[0].url", startsWith("https://")))
                .andExpect(jsonPath("$.packages[0].sha256").isString())
                .andExpect(jsonPath("$.steps[0].description").isString())
                .andExpect(jsonPath("$.steps[0].argv[0]").value("python"))
                .andExpect(jsonPath("$.steps[0].argv[5]").value("https://download.pytorch.org/whl/cu126"))
                .andExpect(jsonPath("$.steps[0].argv[6]").value("torch==2.12.0+cu126"))
                .andExpect(jsonPath("$.explanation[0]").value(containsString("570.86.10")))
                .andExpect(jsonPath("$.warnings").isArray())
                .andExpect(jsonPath("$.catalog.source").value("snapshot"))
                .andExpect(jsonPath("$.catalog.stale").isBoolean());
    }

    /** The snapshot of 2026-05-19 is older than the 7-day bound at any time these tests run (the clock is real). */
    @Test
    void aPlanOnDataOlderThanTheMaximumAgeIsStaleAndSaysSo() throws Exception {
        mvc.perform(post("/plan").contentType(MediaType.APPLICATION_JSON).content(DRIVER_570_BODY))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.catalog.stale").value(true))
                .andExpect(jsonPath("$.warnings[*]", hasItem(allOf(containsString("torchplan.catalog.max-age.stable"),
                        containsString("from the snapshot embedded in the service")))));
    }

    @Test
    void aRefusalOnOldDataSaysTheReleaseMayBeNewerThanTheData() throws Exception {
        String body = DRIVER_570_BODY.replace("[\"torch\"]", "[\"torch==2.13.0\"]");

        mvc.perform(post("/plan").contentType(MediaType.APPLICATION_JSON).content(body))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.reasons[*]", hasItem(containsString("releases published since then are unknown"))))
                .andExpect(jsonPath("$.catalog.source").value("snapshot"))
                .andExpect(jsonPath("$.catalog.stale").value(true));
    }

    @Test
    void aRequestNamingNoPytorchPackageHasNoBackend() throws Exception {
        String body = DRIVER_570_BODY.replace("[\"torch\"]", "[\"requests\"]");

        mvc.perform(post("/plan").contentType(MediaType.APPLICATION_JSON).content(body))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.backend").value(org.hamcrest.Matchers.nullValue()))
                .andExpect(jsonPath("$.packages", hasSize(0)))
                .andExpect(jsonPath("$.steps[0].argv[-1]").value("requests"));
    }

    @Test
    void responseFieldsAreExactlyTheIssues() throws Exception {
        String json = mvc.perform(post("/plan").contentType(MediaType.APPLICATION_JSON).content(DRIVER_570_BODY))
                .andReturn().getResponse().getContentAsString();
        tools.jackson.databind.JsonNode plan = tools.jackson.databind.json.JsonMapper.builder().build().readTree(json);

        org.assertj.core.api.Assertions.assertThat(plan.propertyNames()).containsExactlyInAnyOrder("backend",
                "channel", "packages", "steps", "explanation", "warnings", "catalog", "environment", "thirdPartyCatalog");
        org.assertj.core.api.Assertions.assertThat(plan.get("packages").get(0).propertyNames())
                .containsExactlyInAnyOrder("name", "version", "filename", "url", "sha256");
        org.assertj.core.api.Assertions.assertThat(plan.get("steps").get(0).propertyNames())
                .containsExactlyInAnyOrder("description", "argv");
        org.assertj.core.api.Assertions.assertThat(plan.get("catalog").propertyNames())
                .containsExactlyInAnyOrder("source", "fetchedAt", "stale");
    }

    @Test
    void getPlanGivesTheSamePlanAsPost() throws Exception {
        String posted = mvc.perform(post("/plan").contentType(MediaType.APPLICATION_JSON).content(DRIVER_570_BODY))
                .andReturn().getResponse().getContentAsString();

        mvc.perform(get("/plan").param("requirement", "torch").param("python", "cp312").param("os", "linux")
                        .param("arch", "x86_64").param("glibc", "2.35").param("driver", "570.86.10"))
                .andExpect(status().isOk())
                .andExpect(content().json(posted, org.springframework.test.json.JsonCompareMode.STRICT));
    }

    @Test
    void getKeepsARequirementWithCommasWhole() throws Exception {
        mvc.perform(get("/plan").param("requirement", "torch>=2.4,<2.12").param("python", "cp312")
                        .param("os", "linux").param("arch", "x86_64").param("driver", "570.86.10"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.packages[0].version").value("2.11.0+cu129"));
    }

    @Test
    void python38IsPlannedWithTheNewestTorchThatHasCp38Wheels() throws Exception {
        mvc.perform(post("/plan").contentType(MediaType.APPLICATION_JSON)
                        .content(DRIVER_570_BODY.replace("\"cp312\"", "\"cp38\"")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.packages[0].name").value("torch"))
                .andExpect(jsonPath("$.packages[0].version").value("2.4.1+cu124"))
                .andExpect(jsonPath("$.packages[0].filename").value("torch-2.4.1+cu124-cp38-cp38-linux_x86_64.whl"));
    }

    @Test
    void python37IsPlannedWithItsPymallocAbiWheels() throws Exception {
        mvc.perform(post("/plan").contentType(MediaType.APPLICATION_JSON)
                        .content(DRIVER_570_BODY.replace("\"cp312\"", "\"3.7\"")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.packages[0].version").value("1.13.1+cu117"))
                .andExpect(jsonPath("$.packages[0].filename").value("torch-1.13.1+cu117-cp37-cp37m-linux_x86_64.whl"));
    }

    @Test
    void aTrailingCommaInARequirementIsAccepted() throws Exception {
        mvc.perform(post("/plan").contentType(MediaType.APPLICATION_JSON)
                        .content(DRIVER_570_BODY.replace("\"torch\"", "\"torch>=2.4,\"")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.packages[0].version").value("2.12.0+cu126"));
    }

    @Test
    void defaultsAreStableAutoNewestTorchPip() throws Exception {
        mvc.perform(post("/plan").contentType(MediaType.APPLICATION_JSON).content("""
                        {"requirements": ["torch"], "python": "3.12", "platform": {"os": "linux", "arch": "x86_64"},
                         "gpu": {"vendor": "nvidia", "driverVersion": "570.86.10"}}"""))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.channel").value("stable"))
                .andExpect(jsonPath("$.packages[0].version").value("2.12.0+cu126"))
                .andExpect(jsonPath("$.steps[0].argv[2]").value("pip"))
                .andExpect(jsonPath("$.warnings[0]").value(containsString("glibc")));
    }

    @Test
    void newestBackendStrategyAndUvInstaller() throws Exception {
        mvc.perform(post("/plan").contentType(MediaType.APPLICATION_JSON).content("""
                        {"requirements": ["torch"], "python": "cp312",
                         "platform": {"os": "linux", "arch": "x86_64", "glibc": "2.35"},
                         "gpu": {"vendor": "nvidia", "driverVersion": "570.86.10"},
                         "strategy": "newest-backend", "installer": "uv", "backend": "auto", "channel": "stable"}"""))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.backend").value("cu129"))
                .andExpect(jsonPath("$.steps[0].argv[0]").value("uv"))
                .andExpect(jsonPath("$.steps[0].argv[4]").value("python"))
                .andExpect(jsonPath("$.packages[0].version").value("2.11.0+cu129"));
    }

    @Test
    void shellScriptRenderingByAcceptHeader() throws Exception {
        mvc.perform(post("/plan").contentType(MediaType.APPLICATION_JSON).content(DRIVER_570_BODY)
                        .accept("text/x-shellscript"))
                .andExpect(status().isOk())
                .andExpect(content().contentTypeCompatibleWith("text/x-shellscript"))
                .andExpect(content().string(startsWith("#!/bin/sh\n")))
                .andExpect(content().string(containsString("\nset -eu\n")))
                .andExpect(content().string(containsString(
                        "\"${PYTHON:-python3}\" '-m' 'pip' 'install' '--index-url'")));
    }

    @Test
    void requirementsRenderingByFormatParameter() throws Exception {
        mvc.perform(get("/plan").param("requirement", "torch", "torchvision").param("python", "cp312")
                        .param("os", "linux").param("arch", "x86_64").param("driver", "570.86.10")
                        .param("format", "requirements"))
                .andExpect(status().isOk())
                .andExpect(content().contentTypeCompatibleWith(MediaType.TEXT_PLAIN))
                .andExpect(content().string(containsString("--index-url https://download.pytorch.org/whl/cu126\n")))
                .andExpect(content().string(containsString("torchvision==0.27.0+cu126 \\\n    --hash=sha256:")));
    }

    @Test
    void explicitRocmAndXpuBackends() throws Exception {
        mvc.perform(get("/plan").param("requirement", "torch").param("python", "cp312").param("os", "linux")
                        .param("arch", "x86_64").param("backend", "rocm7.2"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.packages[0].version").value("2.12.0+rocm7.2"));
        mvc.perform(get("/plan").param("requirement", "torch").param("python", "cp312").param("os", "windows")
                        .param("arch", "x86_64").param("vendor", "intel"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.backend").value("xpu"));
    }

    @Test
    void policyBlockedVersionIsNamedInThePlan() throws Exception {
        mvc.perform(get("/plan").param("requirement", "torch<2.5.1").param("python", "cp312").param("os", "linux")
                        .param("arch", "x86_64").param("backend", "cu124"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.packages[0].version").value("2.4.1+cu124"))
                .andExpect(jsonPath("$.explanation[?(@ =~ /.*blocked-requirements.*torch==2.5.0.*/)]").exists());
    }

    @Test
    void policyAndBackendsEndpoints() throws Exception {
        mvc.perform(get("/policy"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.allowedChannels[0]").value("stable"))
                .andExpect(jsonPath("$.allowedChannels[1]").value("test"))
                .andExpect(jsonPath("$.blockedRequirements[0]").value("torch==2.5.0"))
                .andExpect(jsonPath("$.pypiIndexUrl").value("https://pypi.org/simple"));
        mvc.perform(get("/backends"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.backends[?(@.name == 'cu126')].minimumDriverLinux").value("525.60.13"))
                .andExpect(jsonPath("$.backends[?(@.name == 'cu126')].minimumDriverWindows").value("527.41"))
                .andExpect(jsonPath("$.backends[?(@.name == 'cu126')].toolkitDriverLinux").value("560.28.03"))
                .andExpect(jsonPath("$.backends[?(@.name == 'cu130')].toolkitDriverWindows", hasItem(nullValue())))
                .andExpect(jsonPath("$.backends[?(@.name == 'cu130')].builds[?(@.torch == '2.11' && @.platform == "
                        + "'linux-x86_64')].evidence").value("installed-wheel"))
                .andExpect(jsonPath("$.backends[?(@.name == 'cu130')].builds[?(@.torch == '2.12' && @.platform == "
                        + "'linux-x86_64')].architectures[*]", hasItem("compute_120")))
                .andExpect(jsonPath("$.backends[?(@.name == 'cu128')].builds[?(@.torch == '2.8' && @.platform == "
                        + "'windows-x86_64')].complete").value(false))
                .andExpect(jsonPath("$.backends[?(@.name == 'rocm7.2')].builds[?(@.torch == '2.11')].architectures[*]",
                        hasItem("gfx1151")))
                .andExpect(jsonPath("$.backends[?(@.name == 'cpu')].kind").value("cpu"))
                .andExpect(jsonPath("$.amdArchitectures[?(@.architecture == 'gfx90a')].backends[0]")
                        .value("rocm7.2"));
    }
}
