package org.torchplan.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;
import org.yaml.snakeyaml.Yaml;

/**
 * The Kubernetes manifests parse and agree with each other, with the image (Dockerfile) and with the service's own
 * settings: a mismatch (a probe on the wrong path, a port that is not 8080, a selector that selects nothing) would
 * only show on a cluster otherwise. The Dockerfile also agrees with the Maven reactor it builds from, which would
 * otherwise only show in an image build (scripts/check-container), not in the test command.
 */
class DeployManifestsTest {

    /** Tests run in the service module's directory. */
    private static final Path PROJECT = Path.of("..");
    private static final Path MANIFESTS = PROJECT.resolve("deploy/kubernetes");

    private static List<Map<String, Object>> documents;

    @BeforeAll
    static void loadManifests() throws IOException {
        documents = new ArrayList<>();
        try (Stream<Path> files = Files.list(MANIFESTS)) {
            for (Path file : files.filter(path -> path.toString().endsWith(".yaml")).sorted().toList()) {
                for (Object document : new Yaml().loadAll(Files.readString(file))) {
                    if (document != null) {
                        documents.add(asMap(document));
                    }
                }
            }
        }
    }

    @Test
    void everyDocumentNamesItsApiVersionKindAndName() {
        assertThat(documents).allSatisfy(document -> {
            assertThat(document).containsKeys("apiVersion", "kind");
            if (!"Kustomization".equals(document.get("kind"))) {
                assertThat(at(document, "metadata", "name")).isInstanceOf(String.class);
            }
        });
        assertThat(documents).extracting(document -> document.get("kind")).containsExactlyInAnyOrder(
                "ConfigMap", "Deployment", "Service", "HorizontalPodAutoscaler", "PodDisruptionBudget", "Kustomization");
    }

    @Test
    void kustomizationListsEveryManifest() throws IOException {
        List<Object> resources = list(at(only("Kustomization"), "resources"));
        try (Stream<Path> files = Files.list(MANIFESTS)) {
            List<String> manifests = files.map(path -> path.getFileName().toString())
                    .filter(name -> name.endsWith(".yaml") && !name.equals("kustomization.yaml")).toList();
            assertThat(resources).containsExactlyInAnyOrderElementsOf(manifests);
        }
    }

    @Test
    void deploymentRunsSeveralReplicasOnPort8080() {
        Map<String, Object> deployment = only("Deployment");
        Map<String, Object> container = container();

        assertThat((Integer) at(deployment, "spec", "replicas")).isGreaterThanOrEqualTo(2);
        assertThat(list(container.get("ports"))).singleElement()
                .satisfies(port -> assertThat(asMap(port)).containsEntry("name", "http").containsEntry("containerPort", 8080));
        assertThat(dockerfile()).contains("EXPOSE 8080");
    }

    @Test
    void probesUseTheActuatorHealthGroups() {
        Map<String, Object> container = container();

        assertThat(at(container, "readinessProbe", "httpGet", "path")).isEqualTo("/actuator/health/readiness");
        assertThat(at(container, "livenessProbe", "httpGet", "path")).isEqualTo("/actuator/health/liveness");
        assertThat(at(container, "startupProbe", "httpGet", "path")).isEqualTo("/actuator/health/liveness");
        for (String probe : List.of("readinessProbe", "livenessProbe", "startupProbe")) {
            assertThat(at(container, probe, "httpGet", "port")).as(probe).isEqualTo("http");
        }
    }

    @Test
    void deploymentHasResourceRequestsAndLimits() {
        Map<String, Object> resources = asMap(container().get("resources"));

        assertThat(asMap(resources.get("requests"))).containsKeys("cpu", "memory");
        assertThat(asMap(resources.get("limits"))).containsKeys("memory");
    }

    @Test
    void runsAsTheImagesNonRootUserOnAReadOnlyRootFileSystem() {
        Map<String, Object> podSecurity = asMap(at(only("Deployment"), "spec", "template", "spec", "securityContext"));
        Map<String, Object> containerSecurity = asMap(container().get("securityContext"));

        assertThat(podSecurity).containsEntry("runAsNonRoot", true);
        Matcher imageUser = Pattern.compile("ARG TORCHPLAN_UID=(\\d+)").matcher(dockerfile());
        assertThat(imageUser.find()).as("the Dockerfile declares the service's uid").isTrue();
        assertThat(podSecurity.get("runAsUser")).isEqualTo(Integer.parseInt(imageUser.group(1)));
        assertThat(containerSecurity).containsEntry("readOnlyRootFilesystem", true)
                .containsEntry("allowPrivilegeEscalation", false);
    }

    @Test
    void writableDirectoriesAreVolumes() {
        Map<String, Object> podSpec = asMap(at(only("Deployment"), "spec", "template", "spec"));
        List<String> volumeNames = list(podSpec.get("volumes")).stream().map(volume -> (String) asMap(volume).get("name")).toList();
        List<Map<String, Object>> mounts = list(container().get("volumeMounts")).stream().map(DeployManifestsTest::asMap).toList();

        assertThat(mounts).allSatisfy(mount -> assertThat(volumeNames).contains((String) mount.get("name")));
        assertThat(mounts).extracting(mount -> mount.get("mountPath"))
                .contains("/tmp", environment().get("TORCHPLAN_CATALOG_DATA_DIR"));
    }

    @Test
    void configMapIsMountedWhereSpringReadsItAndHoldsTheFleetPolicy() {
        Map<String, Object> configMap = only("ConfigMap");
        Map<String, Object> configVolume = list(at(only("Deployment"), "spec", "template", "spec", "volumes")).stream()
                .map(DeployManifestsTest::asMap).filter(volume -> volume.containsKey("configMap")).findFirst().orElseThrow();
        String mountPath = list(container().get("volumeMounts")).stream().map(DeployManifestsTest::asMap)
                .filter(mount -> mount.get("name").equals(configVolume.get("name")))
                .map(mount -> (String) mount.get("mountPath")).findFirst().orElseThrow();

        assertThat(at(configVolume, "configMap", "name")).isEqualTo(at(configMap, "metadata", "name"));
        assertThat(environment().get("SPRING_CONFIG_ADDITIONAL_LOCATION")).isEqualTo("optional:file:" + mountPath + "/");

        Map<String, Object> settings = asMap(new Yaml().load((String) at(configMap, "data", "application.yaml")));
        assertThat(asMap(at(settings, "torchplan", "policy"))).containsOnlyKeys(
                "allowed-backends", "allowed-channels", "blocked-requirements", "index-url", "pypi-index-url");
        assertThat(at(settings, "torchplan", "index", "url")).isEqualTo("https://download.pytorch.org/whl");
    }

    @Test
    void serviceAutoscalerAndBudgetPointAtTheDeployment() {
        Map<String, Object> deployment = only("Deployment");
        Object podLabels = at(deployment, "spec", "template", "metadata", "labels");
        String name = (String) at(deployment, "metadata", "name");

        assertThat(at(only("Service"), "spec", "selector")).isEqualTo(podLabels);
        assertThat(list(at(only("Service"), "spec", "ports"))).singleElement()
                .satisfies(port -> assertThat(asMap(port)).containsEntry("targetPort", "http"));
        assertThat(at(deployment, "spec", "selector", "matchLabels")).isEqualTo(podLabels);
        assertThat(at(only("PodDisruptionBudget"), "spec", "selector", "matchLabels")).isEqualTo(podLabels);

        Map<String, Object> autoscaler = only("HorizontalPodAutoscaler");
        assertThat(at(autoscaler, "spec", "scaleTargetRef", "kind")).isEqualTo("Deployment");
        assertThat(at(autoscaler, "spec", "scaleTargetRef", "name")).isEqualTo(name);
        assertThat((Integer) at(autoscaler, "spec", "minReplicas")).isEqualTo(at(deployment, "spec", "replicas"));
        assertThat(asMap(list(at(autoscaler, "spec", "metrics")).get(0))).containsEntry("type", "Resource");
        assertThat(at(asMap(list(at(autoscaler, "spec", "metrics")).get(0)), "resource", "name")).isEqualTo("cpu");
    }

    @Test
    void gracePeriodCoversThePreStopPauseAndTheGracefulDrain() throws IOException {
        Map<String, Object> podSpec = asMap(at(only("Deployment"), "spec", "template", "spec"));
        List<Object> preStop = list(at(container(), "lifecycle", "preStop", "exec", "command"));
        int pauseSeconds = Integer.parseInt((String) preStop.get(1));
        String drain = null;
        try (InputStream settings = getClass().getResourceAsStream("/application.yaml")) {
            for (Object document : new Yaml().loadAll(settings)) {
                Object lifecycle = asMap(document).get("spring") instanceof Map<?, ?> spring ? spring.get("lifecycle") : null;
                if (lifecycle instanceof Map<?, ?> phases && phases.get("timeout-per-shutdown-phase") instanceof String timeout) {
                    drain = timeout;
                }
            }
        }
        assertThat(drain).as("spring.lifecycle.timeout-per-shutdown-phase in application.yaml").matches("\\d+s");
        int drainSeconds = Integer.parseInt(drain.replace("s", ""));

        assertThat((Integer) podSpec.get("terminationGracePeriodSeconds")).isGreaterThan(pauseSeconds + drainSeconds);
    }

    @Test
    void imageBuildCopiesThePomOfEveryMavenModuleBeforeResolvingDependencies() throws Exception {
        Set<String> modulePoms = reactorPoms(Path.of("pom.xml"));
        List<List<String>> dependencyLayer = buildStageCopiesBeforeFirstRun();

        assertThat(modulePoms).as("module poms the root pom.xml lists").contains("service/pom.xml");
        assertThat(modulePoms).allSatisfy(pom -> assertThat(dependencyLayer.stream().anyMatch(sources -> covers(sources, pom)))
                .as("the Dockerfile's build stage copies %s before its first RUN (Maven reads every module of the reactor,"
                        + " even with -pl; build-stage COPY sources before that RUN: %s)", pom, dependencyLayer)
                .isTrue());
    }

    /**
     * The pom.xml of every module the given pom lists, and of theirs in turn, relative to the project directory: Maven
     * reads all of them before -pl picks a module, and stops when one is missing.
     */
    private static Set<String> reactorPoms(Path pom) throws IOException, ParserConfigurationException, SAXException {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        Element project;
        try (InputStream in = Files.newInputStream(PROJECT.resolve(pom))) {
            project = factory.newDocumentBuilder().parse(in).getDocumentElement();
        }
        assertThat(project.getLocalName()).as("root element of %s", pom).isEqualTo("project");

        Set<String> poms = new LinkedHashSet<>();
        // <project><modules> only: no pom here has profiles; one that adds modules would need reading here too.
        for (Element modules : children(project, "modules")) {
            for (Element module : children(modules, "module")) {
                Path modulePath = pom.resolveSibling(module.getTextContent().trim()).normalize();
                Path modulePom = modulePath.toString().endsWith(".xml") ? modulePath : modulePath.resolve("pom.xml");
                poms.add(modulePom.toString().replace('\\', '/'));
                poms.addAll(reactorPoms(modulePom));
            }
        }
        return poms;
    }

    private static List<Element> children(Element parent, String localName) {
        List<Element> children = new ArrayList<>();
        for (Node child = parent.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child instanceof Element element && localName.equals(element.getLocalName())) {
                children.add(element);
            }
        }
        return children;
    }

    /**
     * The sources of each COPY from the build context in the stage named build, up to its first RUN: the dependency
     * layer. Comment lines are dropped and continued lines joined, as Docker reads them.
     */
    private static List<List<String>> buildStageCopiesBeforeFirstRun() {
        List<String> instructions = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : dockerfile().split("\\R")) {
            if (line.strip().startsWith("#")) {
                continue;
            }
            if (line.endsWith("\\")) {
                current.append(line, 0, line.length() - 1).append(' ');
                continue;
            }
            current.append(line);
            if (!current.toString().isBlank()) {
                instructions.add(current.toString().strip());
            }
            current.setLength(0);
        }

        List<List<String>> copies = new ArrayList<>();
        boolean inBuildStage = false;
        boolean sawBuildStage = false;
        for (String instruction : instructions) {
            List<String> words = Arrays.asList(instruction.split("\\s+"));
            String keyword = words.get(0).toUpperCase(Locale.ROOT);
            if (keyword.equals("FROM")) {
                inBuildStage = words.size() >= 4 && words.get(words.size() - 2).equalsIgnoreCase("AS")
                        && words.get(words.size() - 1).equals("build");
                sawBuildStage |= inBuildStage;
            } else if (inBuildStage && keyword.equals("RUN")) {
                break;
            } else if (inBuildStage && keyword.equals("COPY")) {
                List<String> arguments = words.subList(1, words.size()).stream().filter(word -> !word.startsWith("--")).toList();
                boolean fromAnotherStage = words.stream().anyMatch(word -> word.startsWith("--from="));
                assertThat(arguments).as("build-stage COPY in shell form, the form this test reads: %s", instruction)
                        .noneMatch(argument -> argument.startsWith("["));
                if (!fromAnotherStage && arguments.size() >= 2) {
                    copies.add(arguments.subList(0, arguments.size() - 1));
                }
            }
        }
        assertThat(sawBuildStage).as("the Dockerfile has a stage named build (FROM ... AS build)").isTrue();
        return copies;
    }

    /** Whether one of the COPY sources is the file itself or a directory holding it. */
    private static boolean covers(List<String> sources, String file) {
        return sources.stream().map(source -> Path.of(source).normalize().toString())
                .anyMatch(source -> source.isEmpty() || Path.of(file).startsWith(source));
    }

    private static Map<String, Object> only(String kind) {
        List<Map<String, Object>> matching = documents.stream().filter(document -> kind.equals(document.get("kind"))).toList();
        assertThat(matching).as("exactly one %s", kind).hasSize(1);
        return matching.get(0);
    }

    private static Map<String, Object> container() {
        List<Object> containers = list(at(only("Deployment"), "spec", "template", "spec", "containers"));
        assertThat(containers).hasSize(1);
        return asMap(containers.get(0));
    }

    private static Map<String, Object> environment() {
        Map<String, Object> values = new java.util.HashMap<>();
        for (Object variable : list(container().get("env"))) {
            Map<String, Object> entry = asMap(variable);
            values.put((String) entry.get("name"), entry.get("value"));
        }
        return values;
    }

    private static String dockerfile() {
        try {
            return Files.readString(PROJECT.resolve("Dockerfile"));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the Dockerfile", e);
        }
    }

    private static Object at(Map<String, Object> document, String... keys) {
        Object current = document;
        for (String key : keys) {
            assertThat(current).as("parent of %s", key).isInstanceOf(Map.class);
            current = asMap(current).get(key);
        }
        return current;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asMap(Object value) {
        assertThat(value).isInstanceOf(Map.class);
        return (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object value) {
        assertThat(value).isInstanceOf(List.class);
        return (List<Object>) value;
    }
}
