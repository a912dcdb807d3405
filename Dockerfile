# The mlproj runtime image: a JRE and the self-contained jar `mvn package` builds (target/mlproj.jar).
# Build it after the jar:   mvn -B package && docker build -t mlproj .
# Run it on a repository:   docker run --rm -v "$PWD:/repo" mlproj assess /repo
# (add --user "$(id -u):$(id -g)" when mlproj should write reports into the mounted directory).
FROM eclipse-temurin:17-jre

LABEL org.opencontainers.image.title="mlproj" \
      org.opencontainers.image.description="Assess, scaffold and gate machine-learning project repositories." \
      org.opencontainers.image.licenses="Apache-2.0" \
      org.opencontainers.image.source="https://github.com/mlproj/mlproj"

COPY target/mlproj.jar /opt/mlproj/mlproj.jar

# Clones of git URLs (assess URL, batch) go to a cache any user may write.
ENV XDG_CACHE_HOME=/tmp/mlproj-cache

WORKDIR /repo

# The launcher's JVM settings for short runs: a serial collector and a bounded heap (docs/performance.md).
ENTRYPOINT ["java", "-XX:+UseSerialGC", "-Xmx448m", "-XX:TieredStopAtLevel=1", "-jar", "/opt/mlproj/mlproj.jar"]
CMD ["--help"]
