# syntax=docker/dockerfile:1
#
# torchplan service image.
#
#   docker build -t torchplan .
#   docker run --rm -p 8080:8080 torchplan
#
# The base images are arguments so that a site without access to Docker Hub can build on its own
# images (scripts/check-container builds a Debian bookworm base with OpenJDK 17 for the build and a Debian trixie
# base with OpenJDK 25 for the runtime, by debootstrap). The build image needs a JDK 17 or newer plus tar (the Maven
# Wrapper fetches Maven itself); the runtime image needs a JRE (17 or newer; 25 or newer starts fastest, with the
# AOT cache), bash (the health check) and useradd.
ARG BUILD_IMAGE=eclipse-temurin:21-jdk
ARG RUNTIME_IMAGE=eclipse-temurin:25-jre

FROM ${BUILD_IMAGE} AS build
WORKDIR /workspace

# Dependencies first: this layer is rebuilt only when a pom or the wrapper changes, not on every source edit.
COPY mvnw ./
COPY .mvn/ .mvn/
COPY pom.xml ./
# Every module the root pom lists needs its pom here, even those the image does not build: Maven reads the
# whole reactor before -pl selects from it, and stops on a missing module (DeployManifestsTest checks the list).
COPY service/pom.xml service/
COPY client/pom.xml client/
COPY benchmarks/pom.xml benchmarks/
# -pl service -am: the service and what it is built from (the parent pom), not the client or the benchmarks.
RUN ./mvnw -B -q -pl service -am dependency:go-offline

COPY service/src/ service/src/
# Tests run in CI (.ci/run), not in the image build; -pl service because the image holds only the service.
RUN ./mvnw -B -q -pl service -am -Dmaven.test.skip=true package \
 && mkdir -p /layers \
 && java -Djarmode=tools -jar service/target/torchplan-service-exec.jar extract --layers --destination /layers

FROM ${RUNTIME_IMAGE}
ARG TORCHPLAN_UID=10001

# A fixed numeric, unprivileged user: Kubernetes' runAsNonRoot can verify it from the image.
# --no-log-init: no lastlog/faillog records (files sized by the uid) in the layer.
RUN useradd --no-log-init --uid "${TORCHPLAN_UID}" --user-group --home-dir /var/lib/torchplan --no-create-home \
        --shell /usr/sbin/nologin torchplan \
 && mkdir -p /opt/torchplan /var/lib/torchplan \
 && chown torchplan:torchplan /var/lib/torchplan

WORKDIR /opt/torchplan
# One layer per rate of change: libraries rarely change, the application (with its embedded catalog snapshot) often.
# The extracted layout (lib/ plus a thin torchplan-service-exec.jar naming it) runs with plain `java -jar`, which
# class-data sharing needs: classes inside a fat jar cannot be archived.
COPY --from=build /layers/dependencies/ ./
COPY --from=build /layers/spring-boot-loader/ ./
COPY --from=build /layers/snapshot-dependencies/ ./
COPY --from=build /layers/application/ ./
COPY deploy/container/healthcheck deploy/container/entrypoint deploy/container/train /usr/local/bin/

# A training start-up, offline, to ready and out (deploy/container/train): on the runtime image's own JRE it records an
# AOT cache (JRE 25+) or an AppCDS archive (older), which the entrypoint maps; with the Spring AOT classes the build
# made, that takes the start to ready from about 12 s to under 6 s, warm-up included, on 2 cores (docs/benchmarks.md,
# section 6).
RUN /usr/local/bin/train

# Every setting is an environment variable through Spring's relaxed binding:
# torchplan.catalog.data-dir = TORCHPLAN_CATALOG_DATA_DIR, torchplan.index.url = TORCHPLAN_INDEX_URL, and so on.
# JAVA_OPTS sizes the heap from the container's memory limit instead of the host's memory, and exits on
# OutOfMemoryError so that the orchestrator restarts a clean process rather than keeping a damaged one.
ENV TORCHPLAN_CATALOG_DATA_DIR=/var/lib/torchplan \
    JAVA_OPTS="-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError" \
    SERVER_PORT=8080

# The last good catalog survives container replacement when this is a named volume.
VOLUME ["/var/lib/torchplan"]
USER ${TORCHPLAN_UID}:${TORCHPLAN_UID}
EXPOSE 8080

# The start period covers JVM start and loading the embedded catalog on a slow, shared machine.
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 CMD ["/usr/local/bin/healthcheck"]
ENTRYPOINT ["/usr/local/bin/entrypoint"]
