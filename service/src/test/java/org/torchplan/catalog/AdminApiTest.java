package org.torchplan.catalog;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.api.Test;
import org.torchplan.api.ApiTest;
import org.springframework.http.MediaType;

class AdminApiTest extends ApiTest {

    @Test
    void refreshWithTheTokenAnswersTheCatalogSummary() throws Exception {
        mvc.perform(post("/admin/catalog/refresh").header("Authorization", "Bearer " + ADMIN_TOKEN))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.source").value("snapshot"))
                .andExpect(jsonPath("$.unattributedFiles").isMap());
    }

    @Test
    void refreshTakesAcceptShrink() throws Exception {
        mvc.perform(post("/admin/catalog/refresh").param("accept-shrink", "true")
                        .header("Authorization", "Bearer " + ADMIN_TOKEN))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.source").value("snapshot"));
    }

    @Test
    void anAcceptShrinkThatIsNoBooleanIsA400() throws Exception {
        mvc.perform(post("/admin/catalog/refresh").param("accept-shrink", "maybe")
                        .header("Authorization", "Bearer " + ADMIN_TOKEN))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
    }

    @Test
    void refreshWithoutATokenIsA401() throws Exception {
        mvc.perform(post("/admin/catalog/refresh"))
                .andExpect(status().isUnauthorized())
                .andExpect(header().string("WWW-Authenticate", "Bearer"))
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
    }

    @Test
    void refreshWithAWrongTokenIsA403() throws Exception {
        mvc.perform(post("/admin/catalog/refresh").header("Authorization", "Bearer " + ADMIN_TOKEN + "x"))
                .andExpect(status().isForbidden())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
        mvc.perform(post("/admin/catalog/refresh").header("Authorization", "Basic " + ADMIN_TOKEN))
                .andExpect(status().isUnauthorized());
    }

    @Test
    void withoutAConfiguredTokenAdminIsDisabled() {
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> AdminTokenCheck.require(new AdminProperties(" "), "Bearer anything"))
                .isInstanceOfSatisfying(AdminAccessException.class, denied -> org.assertj.core.api.Assertions
                        .assertThat(denied.status().value()).isEqualTo(404));
    }
}
