# syntax=docker/dockerfile:1
# LGSP Hub container image (docs/deployment.md "Containers").
#   docker build -t lgsp-hub .
# Stage 1 builds routes/target/lgsp-hub.jar with Maven; stage 2 is a JRE with that jar only, run as a non-root user.

FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY pom.xml ./
COPY hub-core hub-core
COPY connectors connectors
COPY plugins plugins
COPY routes routes
# the reactor lists the bench smoke module: its pom only (.dockerignore keeps the rest of bench/ out)
COPY bench/smoke/pom.xml bench/smoke/pom.xml
# the Maven repository is a build cache (BuildKit), not a layer of the image
RUN --mount=type=cache,target=/root/.m2 mvn -B -q package -DskipTests -pl routes -am \
 && cp routes/target/lgsp-hub.jar /lgsp-hub.jar

# Java 25 at run time (the jar is compiled for 17): bin/lgsp-hub then prepares an AOT cache, which starts the hub
# in about a fifth less time and CPU than a CDS archive on Java 17 (docs/operator-guide.md "Faster startup")
FROM eclipse-temurin:25-jre
# curl for the HEALTHCHECK; a fixed uid/gid so volume permissions are predictable
RUN apt-get update \
 && apt-get install -y --no-install-recommends curl \
 && rm -rf /var/lib/apt/lists/* \
 && groupadd --system --gid 10001 lgsp \
 && useradd --system --uid 10001 --gid lgsp --home-dir /app --shell /usr/sbin/nologin lgsp \
 && mkdir -p /app/data /app/config \
 && chown -R lgsp:lgsp /app/data
WORKDIR /app
COPY --from=build /lgsp-hub.jar /app/lgsp-hub.jar
COPY --chmod=0755 bin/lgsp-hub /app/bin/lgsp-hub
# the demo catalog as a default; mount your own folder on /app/config (read-only is enough)
COPY config /app/config
# heap sized from the container's memory limit; die on OutOfMemoryError so the orchestrator restarts the node.
# LGSP_HUB_CACHE lies outside the data volume: it belongs to this image, not to the node's data.
ENV JAVA_OPTS="-XX:MaxRAMPercentage=70 -XX:InitialRAMPercentage=25 -XX:+UseG1GC -XX:+ExitOnOutOfMemoryError --sun-misc-unsafe-memory-access=allow -Dfile.encoding=UTF-8" \
    LGSP_HUB_JAR=/app/lgsp-hub.jar \
    LGSP_HUB_CACHE=/app/startup-cache \
    HUB_CATALOG_DIR=/app/config \
    TZ=Asia/Ho_Chi_Minh
# the fast start (docs/operator-guide.md "Faster startup"), prepared once here with this image's JRE, jar and
# JAVA_OPTS: the jar extracted and the AOT cache recorded in /app/startup-cache (read-only at run time, as root
# owns it). A failed preparation fails the build (its log is printed) rather than ship an image that starts slowly.
RUN /app/bin/lgsp-hub prepare || { cat /tmp/lgsp-hub-train.*/training.log; exit 1; }
USER 10001:10001
# 8080: department API (token, services, topics); 8082: department SOAP; 8081: operator API, actuator, console
EXPOSE 8080 8081 8082
# keys generated in embedded mode, audit archives: keep them (docs/deployment.md "What each node keeps")
VOLUME ["/app/data"]
# readiness, not liveness: a node in maintenance mode or without its database/broker is reported unhealthy
HEALTHCHECK --interval=10s --timeout=3s --start-period=120s --retries=3 \
  CMD curl -fsS -o /dev/null http://127.0.0.1:8081/actuator/health/readiness || exit 1
# the launcher execs the JVM (signals and the exit code as with java -jar); arguments go to the hub
ENTRYPOINT ["/app/bin/lgsp-hub"]
