# Uptime coordinator image: docker build -t uptime-coordinator .
# Stage 1 builds the fat jar; stage 2 runs it on a Java 17 JRE as a non-root user.
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /build
COPY pom.xml ./
COPY cassandra-server/pom.xml cassandra-server/pom.xml
COPY sql sql
COPY routes routes
COPY src src
RUN mvn -B -ntp -DskipTests package

FROM eclipse-temurin:17-jre
# The Amazon Keyspaces roots, from the distribution's CA bundle, as AWS's keyspaces-bundle.pem
# gathers them: the Starfield Class 2 CA the reference ships (sf-class2-root.crt) and the
# Amazon roots AWS moves regions to. A root a newer bundle dropped is left out; at least one
# must be there. Fonts let the demo draw its report's chart.
RUN apt-get update \
    && apt-get install -y --no-install-recommends ca-certificates curl fontconfig fonts-dejavu-core \
    && rm -rf /var/lib/apt/lists/* \
    && mkdir -p /app/certs \
    && for ca in Amazon_Root_CA_1 Amazon_Root_CA_2 Amazon_Root_CA_3 Amazon_Root_CA_4 \
                 Starfield_Services_Root_Certificate_Authority_-_G2 Starfield_Class_2_CA; do \
         if [ -f "/etc/ssl/certs/$ca.pem" ]; then cat "/etc/ssl/certs/$ca.pem" >> /app/certs/keyspaces-bundle.pem; fi; \
       done \
    && grep -q "BEGIN CERTIFICATE" /app/certs/keyspaces-bundle.pem \
    && useradd --system --uid 10001 --home-dir /app coordinator
WORKDIR /app
COPY --from=build /build/target/uptime-coordinator.jar /app/uptime-coordinator.jar
# Mount a folder over /app/routes to change the pipeline without rebuilding.
COPY routes /app/routes
RUN mkdir -p /app/data && chown -R coordinator /app/data
ENV SSL_CERTFILE=/app/certs/keyspaces-bundle.pem \
    ROUTES_DIR=/app/routes \
    MANAGEMENT_PORT=8080 \
    SCORES_PORT=8081
USER coordinator
# health and metrics; the scores service (run and serve)
EXPOSE 8080 8081
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
    CMD curl -fsS "http://127.0.0.1:${MANAGEMENT_PORT}/observe/health/live" || exit 1
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-jar", "/app/uptime-coordinator.jar"]
CMD ["run"]
