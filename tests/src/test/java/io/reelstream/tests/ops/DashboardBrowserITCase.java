package io.reelstream.tests.ops;

import io.reelstream.engine.LocalFlinkCluster;
import io.reelstream.localstack.FreePort;
import io.reelstream.localstack.schema.SchemaMigrator;
import io.reelstream.pipelines.PipelineDefinition;
import io.reelstream.pipelines.Pipelines;
import io.reelstream.pipelines.continuewatching.ContinueWatchingOptions;
import io.reelstream.pipelines.features.SessionFeaturesOptions;
import io.reelstream.pipelines.qoe.QoeOptions;
import io.reelstream.pipelines.recs.RecsOptions;
import io.reelstream.tests.support.HeadlessChromium;
import io.reelstream.tests.support.RepositoryRoot;
import io.reelstream.tests.support.SharedServices;
import io.reelstream.udfs.cassandra.CassandraOptions;
import io.reelstream.udfs.ingest.IngestOptions;

import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.streaming.api.graph.StreamNode;

import com.datastax.oss.driver.api.core.CqlSession;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What an operator sees: the local cluster of {@code ./reelstream run} (its {@code config.yaml},
 * the Flink web dashboard) with all four jobs submitted through REST against real Kafka and
 * Cassandra, looked at with a real headless Chromium. Every job must be RUNNING in the dashboard's
 * job list, each job's page must show its named operators, and neither the configuration pages nor
 * the REST endpoints behind them may show the secrets the jobs were configured with. Screenshots go
 * to {@code target/dashboard-browser/}; with {@code -Dreelstream.docs.regenerate=true} the overview
 * page also refreshes {@code docs/images/dashboard.png}.
 */
class DashboardBrowserITCase {

    @RegisterExtension static final SharedServices SERVICES = SharedServices.instance();

    private static final Duration PAGE_TIMEOUT = Duration.ofSeconds(60);

    /** Every table row of the page, one line each, cells separated by " | ". */
    private static final String TABLE_ROWS =
            "Array.from(document.querySelectorAll('tr')).map(r => Array.from(r.cells)"
                    + ".map(c => c.innerText.trim()).join(' | ')).join('\\n')";

    /** Whether the job graph (an SVG of dagre nodes) has been drawn. */
    private static final String GRAPH_DRAWN =
            "Array.from(document.querySelectorAll('svg g.node')).length > 0";

    private static final Path SCREENSHOTS = Path.of("target", "dashboard-browser");
    private static final String CASSANDRA_SECRET = "cassandra-pw-" + UUID.randomUUID();
    private static final String KAFKA_SECRET = "kafka-pw-" + UUID.randomUUID();

    /** The prefixed (masked) form of a secret Kafka client property. */
    private static final String KAFKA_JAAS_KEY =
            IngestOptions.CLIENT_PROPERTIES.key() + ".sasl.jaas.config";

    @TempDir static Path dataDir;

    private static LocalFlinkCluster flink;
    private static HeadlessChromium browser;
    private static Configuration jobConf;
    private static final Map<PipelineDefinition, String> JOB_IDS = new LinkedHashMap<>();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    @BeforeAll
    static void startClusterJobsAndBrowser() throws Exception {
        flink = LocalFlinkCluster.start(localConfigOnFreePorts(), dataDir, 0);
        jobConf = jobConfiguration();
        for (PipelineDefinition pipeline : Pipelines.all()) {
            String id =
                    flink.submit(
                                    pipeline.jobName(),
                                    jobConf,
                                    env -> pipeline.graph().build(jobConf, env))
                            .getJobID()
                            .toHexString();
            JOB_IDS.put(pipeline, id);
        }
        awaitJobsRunning();
        browser = HeadlessChromium.start(dataDir.resolve("chromium"), 1400, 900);
    }

    @AfterAll
    static void stop() throws Exception {
        if (browser != null) {
            browser.close();
        }
        if (flink != null) {
            flink.close();
        }
    }

    @Test
    void shouldListEveryJobAsRunningInTheDashboard() throws Exception {
        browser.navigate(dashboard("/#/job/running"));
        String page =
                browser.awaitValue(
                        "every job RUNNING",
                        TABLE_ROWS,
                        text ->
                                Pipelines.all().stream()
                                        .allMatch(
                                                p -> rowOf(text, p.jobName()).contains("RUNNING")),
                        PAGE_TIMEOUT);
        browser.screenshot(SCREENSHOTS.resolve("running-jobs.png"));
        browser.navigate(dashboard("/#/overview"));
        String overview =
                browser.awaitText(
                        "the overview with every job",
                        text ->
                                text.contains("Available Task Slots")
                                        && Pipelines.all().stream()
                                                .allMatch(p -> text.contains(p.jobName())),
                        PAGE_TIMEOUT);
        Path shot = SCREENSHOTS.resolve("overview.png");
        browser.screenshot(shot);

        for (PipelineDefinition pipeline : Pipelines.all()) {
            assertThat(rowOf(page, pipeline.jobName()))
                    .as("row of %s", pipeline.jobName())
                    .contains("RUNNING");
        }
        assertThat(overview).containsPattern("Running Jobs\\s+" + Pipelines.all().size() + "\\s");
        assertThat(Files.size(shot)).isGreaterThan(10_000);
        if (Boolean.getBoolean("reelstream.docs.regenerate")) {
            Files.copy(
                    shot,
                    RepositoryRoot.path().resolve("docs/images/dashboard.png"),
                    StandardCopyOption.REPLACE_EXISTING);
        }
    }

    @Test
    void shouldShowTheNamedOperatorsOfEveryJob() throws Exception {
        for (Map.Entry<PipelineDefinition, String> job : JOB_IDS.entrySet()) {
            List<String> operators = operatorNames(job.getKey());
            assertThat(operators).as("operators of %s", job.getKey().name()).isNotEmpty();

            browser.navigate(dashboard("/#/job/running/" + job.getValue() + "/overview"));
            String page =
                    browser.awaitText(
                            "the operators of " + job.getKey().name(),
                            text -> operators.stream().allMatch(text::contains),
                            PAGE_TIMEOUT);
            browser.awaitTrue(GRAPH_DRAWN, Duration.ofSeconds(10)); // for the screenshot only
            browser.screenshot(SCREENSHOTS.resolve(job.getKey().name() + ".png"));

            assertThat(page).contains(job.getKey().jobName()).contains("RUNNING");
            assertThat(operators).allSatisfy(name -> assertThat(page).contains(name));
        }
    }

    @Test
    void shouldNotShowSecretsInConfigurationPagesOrTheirRestEndpoints() throws Exception {
        String someJob = JOB_IDS.values().iterator().next();
        List<String> bodies = new ArrayList<>();
        String clusterConfig = get("/jobmanager/config");
        bodies.add(clusterConfig);
        for (String id : JOB_IDS.values()) {
            bodies.add(get("/jobs/" + id + "/config"));
            bodies.add(get("/jobs/" + id + "/jobmanager/config"));
        }
        browser.navigate(dashboard("/#/job-manager/config"));
        String clusterPage =
                browser.awaitValue(
                        "the cluster configuration with the secret keys",
                        TABLE_ROWS,
                        text ->
                                text.contains(CassandraOptions.PASSWORD.key())
                                        && text.contains(KAFKA_JAAS_KEY),
                        PAGE_TIMEOUT);
        bodies.add(clusterPage);
        bodies.add(browser.text());
        browser.screenshot(SCREENSHOTS.resolve("job-manager-config.png"));
        browser.navigate(dashboard("/#/job/running/" + someJob + "/configuration"));
        bodies.add(
                browser.awaitText(
                        "the job configuration",
                        text ->
                                text.contains("Execution Configuration")
                                        && text.contains("User Configuration")
                                        && text.contains("Job parallelism"),
                        PAGE_TIMEOUT));
        browser.screenshot(SCREENSHOTS.resolve("job-config.png"));

        // the secret options are shown (so the check below looks at them), their values masked
        for (String key : List.of(CassandraOptions.PASSWORD.key(), KAFKA_JAAS_KEY)) {
            assertThat(clusterConfig).contains("{\"key\":\"" + key + "\",\"value\":\"******\"}");
            assertThat(rowOf(clusterPage, key)).contains("******");
        }
        assertThat(clusterConfig).contains(CassandraOptions.USERNAME.key());
        assertThat(bodies)
                .allSatisfy(
                        body ->
                                assertThat(body)
                                        .doesNotContain(CASSANDRA_SECRET)
                                        .doesNotContain(KAFKA_SECRET));
    }

    /** The operator names of a job's production graph, as the job itself names them. */
    private static List<String> operatorNames(PipelineDefinition pipeline) {
        return PipelineGraphTest.productionGraph(pipeline).getStreamNodes().stream()
                .map(StreamNode::getOperatorName)
                .distinct()
                .toList();
    }

    /** The line of the page text (a table row) that names {@code jobName}. */
    private static String rowOf(String pageText, String jobName) {
        return pageText.lines().filter(line -> line.contains(jobName)).findFirst().orElse("");
    }

    private static String dashboard(String path) {
        URI base = flink.dashboardUrl();
        return "http://" + base.getHost() + ":" + base.getPort() + path;
    }

    private static String get(String path) throws Exception {
        HttpResponse<String> response =
                HTTP.send(
                        HttpRequest.newBuilder(URI.create(dashboard(path)))
                                .timeout(Duration.ofSeconds(30))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("GET %s", path).isEqualTo(200);
        return response.body();
    }

    private static void awaitJobsRunning() throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(180).toNanos();
        while (true) {
            List<String> states = new ArrayList<>();
            JSON.readTree(get("/jobs/overview"))
                    .path("jobs")
                    .forEach(job -> states.add(job.path("state").asText()));
            if (states.size() == JOB_IDS.size() && states.stream().allMatch("RUNNING"::equals)) {
                return;
            }
            assertThat(System.nanoTime())
                    .as("jobs RUNNING in time: %s", states)
                    .isLessThan(deadline);
            Thread.sleep(500);
        }
    }

    /**
     * The local run's {@code config.yaml} (RocksDB, checkpoints, Prometheus reporter) with the
     * reporter on a free port, so the test does not collide with a running {@code reelstream run},
     * and the jobs' credentials in the cluster configuration, as a {@code FlinkDeployment}'s {@code
     * flinkConfiguration} holds them: this is what the dashboard's configuration view shows.
     */
    private static Path localConfigOnFreePorts() throws Exception {
        Path source = RepositoryRoot.path().resolve("flink-conf/local/config.yaml");
        Path confDir = Files.createDirectories(dataDir.resolve("conf"));
        String yaml =
                Files.readString(source)
                                .replaceAll(
                                        "(?m)^metrics\\.reporter\\.prom\\.port:.*$",
                                        "metrics.reporter.prom.port: " + FreePort.pick())
                        + "\n"
                        + CassandraOptions.USERNAME.key()
                        + ": reelstream\n"
                        + CassandraOptions.PASSWORD.key()
                        + ": "
                        + CASSANDRA_SECRET
                        + "\n"
                        + KAFKA_JAAS_KEY
                        + ": '"
                        + jaas(KAFKA_SECRET)
                        + "'\n";
        Files.writeString(confDir.resolve("config.yaml"), yaml);
        return confDir;
    }

    /**
     * What {@code reelstream run} gives the jobs, on the shared services with unique topics and
     * keyspace, plus the same credentials as job options: a Cassandra password and a Kafka SASL
     * JAAS configuration with a password, as the prefixed key {@code
     * reelstream.kafka.properties.sasl.jaas.config}. The local services do not check them (no auth,
     * PLAINTEXT).
     */
    private static Configuration jobConfiguration() {
        String prefix = SERVICES.uniqueTopicPrefix();
        SERVICES.createTopics(prefix);
        String keyspace = SERVICES.uniqueKeyspace();
        try (CqlSession session = SERVICES.newSession()) {
            new SchemaMigrator(session).applyLocal(keyspace);
        }
        Configuration conf = new Configuration();
        Stream.of(
                        SessionFeaturesOptions.ALL,
                        ContinueWatchingOptions.ALL,
                        QoeOptions.ALL,
                        RecsOptions.ALL)
                .flatMap(List::stream)
                .filter(option -> option.key().endsWith("-topic") && option.hasDefaultValue())
                .forEach(option -> setPrefixed(conf, option, prefix));
        InetSocketAddress cassandra = SERVICES.cassandra().contactPoint();
        conf.set(IngestOptions.BOOTSTRAP_SERVERS, SERVICES.bootstrapServers());
        conf.set(
                CassandraOptions.CONTACT_POINTS,
                cassandra.getHostString() + ":" + cassandra.getPort());
        conf.set(CassandraOptions.LOCAL_DATACENTER, SERVICES.cassandra().localDatacenter());
        conf.set(CassandraOptions.KEYSPACE, keyspace);
        conf.set(CoreOptions.DEFAULT_PARALLELISM, 2);
        conf.set(CassandraOptions.USERNAME, "reelstream");
        conf.set(CassandraOptions.PASSWORD, CASSANDRA_SECRET);
        conf.setString(KAFKA_JAAS_KEY, jaas(KAFKA_SECRET));
        return conf;
    }

    @SuppressWarnings("unchecked")
    private static void setPrefixed(Configuration conf, ConfigOption<?> option, String prefix) {
        conf.set((ConfigOption<String>) option, prefix + option.defaultValue());
    }

    private static String jaas(String password) {
        return "org.apache.kafka.common.security.plain.PlainLoginModule required"
                + " username=\"reelstream\" password=\""
                + password
                + "\";";
    }
}
