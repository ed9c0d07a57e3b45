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
# The Amazon Keyspaces root certificate (Starfield Class 2, as the reference ships it)
# comes from the distribution's CA bundle; fonts let the demo draw its report's chart.
RUN apt-get update \
    && apt-get install -y --no-install-recommends ca-certificates curl fontconfig fonts-dejavu-core \
    && rm -rf /var/lib/apt/lists/* \
    && mkdir -p /app/certs \
    && cp /etc/ssl/certs/Starfield_Class_2_CA.pem /app/certs/sf-class2-root.crt \
    && useradd --system --uid 10001 --home-dir /app coordinator
WORKDIR /app
COPY --from=build /build/target/uptime-coordinator.jar /app/uptime-coordinator.jar
# Mount a folder over /app/routes to change the pipeline without rebuilding.
COPY routes /app/routes
RUN mkdir -p /app/data && chown -R coordinator /app/data
ENV SSL_CERTFILE=/app/certs/sf-class2-root.crt \
    ROUTES_DIR=/app/routes \
    MANAGEMENT_PORT=8080
USER coordinator
EXPOSE 8080
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
    CMD curl -fsS http://127.0.0.1:8080/observe/health/live || exit 1
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-jar", "/app/uptime-coordinator.jar"]
CMD ["run"]
