package org.torchplan.api;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The one Spring configuration every HTTP test shares (one context for all): the embedded snapshot, offline, on a
 * real port for the tests that need real HTTP (chunked bodies), with an admin token and a small fleet policy.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "torchplan.catalog.offline=true",
    "torchplan.catalog.refresh-on-start=false",
    "torchplan.catalog.companion-metadata=false",
    "torchplan.catalog.data-dir=target/api-test-data",
    "torchplan.admin.token=" + ApiTest.ADMIN_TOKEN,
    "torchplan.policy.allowed-channels=stable,test",
    "torchplan.policy.blocked-requirements=torch==2.5.0",
    "torchplan.warmup.max-plans=40",
    "torchplan.warmup.max-duration=5m",
})
@AutoConfigureMockMvc
public abstract class ApiTest {

    public static final String ADMIN_TOKEN = "test-admin-token-4c1f";

    public static final String DRIVER_570_BODY = """
            {"requirements": ["torch"], "python": "cp312",
             "platform": {"os": "linux", "arch": "x86_64", "glibc": "2.35"},
             "gpu": {"vendor": "nvidia", "driverVersion": "570.86.10"}}
            """;

    @Autowired
    protected MockMvc mvc;

    @LocalServerPort
    protected int port;
}
