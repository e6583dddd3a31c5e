# The indexer as a container: a Maven build stage, then a small JRE image running as a non-root user.
#   docker build -t monitron-cloudtrail-indexer .
#   docker run --rm monitron-cloudtrail-indexer --help

FROM eclipse-temurin:17-jdk AS build
WORKDIR /src
# the wrapper and the POM first, so the dependency layer is reused while only the sources change
COPY .mvn/ .mvn/
COPY mvnw pom.xml ./
RUN chmod +x mvnw && ./mvnw -B -ntp -q dependency:go-offline
COPY src/ src/
COPY kibana/ kibana/
# the formatter checks style for developers; an image build only compiles and packages
RUN ./mvnw -B -ntp -q package -DskipTests -Dspotless.apply.skip=true

FROM eclipse-temurin:17-jre
RUN groupadd --system --gid 10001 indexer \
    && useradd --system --uid 10001 --gid indexer --create-home --home-dir /home/indexer indexer
COPY --from=build /src/target/monitron-cloudtrail-indexer.jar /app/monitron-cloudtrail-indexer.jar
COPY bin/monitron-cloudtrail-indexer /app/bin/monitron-cloudtrail-indexer
COPY docker/index-from-env.sh /app/index-from-env.sh
# the launcher maps a class-data-sharing archive of an index run's classes, made here once by a training run over
# generated events with this image's own Java (read-only at run time: an existing archive is mapped all the same), so
# that every container's run starts fast
ENV MCI_JAR=/app/monitron-cloudtrail-indexer.jar MCI_CACHE_DIR=/app/cds
RUN chmod 0755 /app/index-from-env.sh /app/bin/monitron-cloudtrail-indexer \
    && java -jar /app/monitron-cloudtrail-indexer.jar generate-samples --out /tmp/training --events 20000 \
    && /app/bin/monitron-cloudtrail-indexer index --path /tmp/training --all-events --output /dev/null --quiet \
        --dead-letter /tmp/training-dead-letter \
    && rm -rf /tmp/training /tmp/training-dead-letter \
    && chmod -R a+rX /app/cds
USER indexer
# dead-letter files go to ./dead-letter: the user's home is writable
WORKDIR /home/indexer
ENTRYPOINT ["/app/bin/monitron-cloudtrail-indexer"]
CMD ["--help"]
